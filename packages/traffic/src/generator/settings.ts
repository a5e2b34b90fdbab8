import type { RateCeilings } from "../scenarios/index";
import type { ClickstreamDelivery } from "../scenarios/plugins";
import type { StartStream } from "../streams/index";

/** The generator's configuration, parsed once by each deployable's config module. */
export interface GeneratorSettings {
  apiUrl: string;
  apiKey: string | undefined;
  databaseUrl: string;
  databasePoolSize: number;
  /** Unset: the bundled Food-11 sample. */
  datasetPath: string | undefined;
  concurrency: number;
  requestTimeoutMs: number;
  timeScale: number;
  testAccountRate: number;
  initialUsers: number;
  initialImages: number;
  /** Shards: the rate one invocation fires on time, and the most shards a minute is split over. */
  shardRate: number;
  maxShards: number;
  /**
   * Wake windows (where a wake queue is wired): a live minute below `wakeRate` events/s is cut into
   * windows, each started `wakeLeadMs` before its first event, instead of holding an invocation.
   */
  wakeRate: number;
  wakeLeadMs: number;
  /** The stream the env describes (local runs and the CLI run it when no stream is running). */
  defaultStream: StartStream;
  /** Kafka for clickstream streams (`KAFKA_*`); null: those streams fail "not wired". */
  clickstream: ClickstreamDelivery | null;
  /**
   * What the deployment fires per scenario (`GENERATOR_MAX_RATE`, `CLICKSTREAM_MAX_RATE`; deployed,
   * GourmetGram's is the stage's capacity): a minute drawn above it fails alone.
   */
  rateCeilings: RateCeilings;
}
