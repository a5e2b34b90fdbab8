import type { Pool } from "@gg/core/db";
import type { ViewCounter } from "@gg/core/image";
import type { Relay } from "@gg/core/outbox";
import type { ObjectStore } from "@gg/core/storage";
import type { Logger } from "@gg/http";
import type { ApiConfig } from "./config";

/** A dependency the health check probes: resolves when reachable, rejects with why not. */
export interface Probe {
  name: "postgres" | "kafka" | "s3";
  /** "kafka" is false when events go to local files instead (the embedded default). */
  enabled: boolean;
  check(): Promise<void>;
}

/** Everything the app talks to, built once per process by the deployable and passed in. */
export interface ApiDeps {
  config: ApiConfig;
  pool: Pool;
  store: ObjectStore;
  relay: Relay;
  /** Counts views, coalescing those of one image that arrive together (one per process). */
  views: ViewCounter;
  probes: Probe[];
  log: Logger;
}
