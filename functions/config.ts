import { join } from "node:path";
import { ApiSettings, apiSettingsFromEnv, type RelaySettings } from "@gg/api";
import { ControlSettings, controlSettingsFromEnv } from "@gg/control";
import { flag, read } from "@gg/core/env";
import { type KafkaLink, KafkaSettings, kafkaFromLink } from "@gg/core/kafka";
import { awsEndpointFromEnv } from "@gg/core/services";
import { type GeneratorSettings, generatorSettingsFromEnv } from "@gg/traffic/generator";
import { rateCeilingsFromEnv } from "@gg/traffic/scenarios";
import { Resource } from "sst";

// The one module of the Lambda deployable that reads its environment. Deployed, SST links
// resources (infra/*.ts names them) and each function's settings are built straight from those
// typed values: no detour through env strings. Run in Node (tests, local runs), plain variables
// configure the same handlers (DATABASE_URL, KAFKA_BROKERS, S3_ENDPOINT, ...: see the README).

/** What infra/ links to the functions, by linkable name (SST's `Resource.<Name>`). */
export interface Linked {
  Database: {
    host: string;
    port: number;
    username: string;
    password: string;
    database: string;
    /** Set only by `pnpm emulate`, whose Postgres has a self-signed certificate; never by SST. */
    tls?: "no-verify";
    /** True when RDS Proxy fronts the database: it pins the session of a named statement. */
    proxy?: boolean;
  };
  Images: { name: string };
  Kafka: KafkaLink;
  ApiKey: { value: string };
  Api: { url: string };
  Control: { url: string };
  /** The stage's sizing (infra/capacity.ts): eventsPerSecond is the rate ceiling. */
  Capacity: {
    eventsPerSecond: number;
    apiConcurrency: number;
    generatorShards: number;
    kafkaPartitions: number;
  };
  GeneratorShard: { name: string };
  /** Where the generator sends the windows of a minute below GENERATOR_WAKE_RATE. */
  GeneratorWakeQueue: { url: string };
  TrafficSchedule: {
    ruleName: string;
    ruleArn: string;
    targetId: string;
    generatorArn: string;
    onByDefault: boolean;
  };
}
type Env = Record<string, string | undefined>;

const env = process.env;
const deployed = Boolean(env.SST_RESOURCE_App || env.SST_KEY_FILE);
const linked = Resource as unknown as Linked;

// Each builder reads only the links its function has: SST's Resource throws on any other.
// RDS forces TLS (infra/database.ts), and a public stage reaches it over the internet: verify the
// certificate and the host name against the RDS CA bundle shipped beside the code
// (infra/rds-ca.ts), which Node's own store lacks.
const database = (db: Linked["Database"], e: Env = {}) => {
  const auth = `${encodeURIComponent(db.username)}:${encodeURIComponent(db.password)}`;
  const tls =
    db.tls === "no-verify"
      ? "sslmode=no-verify"
      : `sslmode=verify-full&sslrootcert=${encodeURIComponent(join(taskRoot(e), "rds-ca.pem"))}`;
  return {
    databaseUrl: `postgres://${auth}@${db.host}:${db.port}/${db.database}?${tls}`,
    databasePoolSize: 2,
    databasePreparedStatements: !db.proxy,
  };
};
const uploadMaxBytes = (e: Env) => {
  const v = read(e, "UPLOAD_MAX_BYTES");
  return v === undefined ? undefined : Number(v);
};
const taskRoot = (e: Env) => read(e, "LAMBDA_TASK_ROOT") ?? "/var/task";
// The wake queue: its URL, and the region of its client, whose endpoint is AWS's or LocalStack's
// AWS_ENDPOINT_URL, which the SDK reads itself.
type WakeQueue = { url: string; aws: { region: string } };
const wakeQueue = (url: string, e: Env): WakeQueue => ({
  url,
  aws: { region: read(e, "AWS_REGION") ?? "us-east-1" },
});
// The stage's bucket. On AWS the SDK finds S3 itself; under `pnpm emulate`, LocalStack sets
// AWS_ENDPOINT_URL in every environment, and the upload's own signed PUT (not the SDK) needs to be
// told: it goes path-style to that endpoint, as the SDK then does too.
const s3Storage = (l: Pick<Linked, "Images">, e: Env) => ({
  kind: "s3" as const,
  bucket: l.Images.name,
  region: read(e, "AWS_REGION"),
  endpoint: awsEndpointFromEnv(e),
});
// The stage is sized for Capacity.eventsPerSecond of GourmetGram traffic (API concurrency, the
// database): that is its GourmetGram ceiling. Clickstream streams go straight to Kafka, outside
// that sizing: CLICKSTREAM_MAX_RATE (default 20000/s) still says theirs.
const rateCeilings = (l: Pick<Linked, "Capacity">, e: Env) => ({
  ...rateCeilingsFromEnv(e),
  gourmetgram: l.Capacity.eventsPerSecond,
});

// A Function URL (or API Gateway) routes only the requests that name it, so the Host a request
// reaches a function with was never chosen by a rebinding page: the functions serve any Host.
// (Without a key, `pnpm start` serves loopback names only: there, any page can reach the port.)
const LAMBDA_HOSTS = ["*"];

// An empty ApiKey means an open API, as `pnpm start` runs it: `pnpm emulate up` links "" when
// API_KEY is unset (a real stage cannot: its deploy fails until the secret is set).
const keyOf = (secret: { value: string }) => secret.value || undefined;

/**
 * The deployed settings of each function from its typed links (plus the few variables the Lambda
 * runtime sets: AWS_REGION, LAMBDA_TASK_ROOT). Pure: tests pass infra's fake resources.
 */
export const fromLinks = {
  /** A Lambda may freeze right after answering: the API publishes before the response leaves. */
  api: (l: Pick<Linked, "Database" | "Kafka" | "Images" | "ApiKey">, e: Env): ApiSettings =>
    ApiSettings.parse({
      api: {
        apiKey: keyOf(l.ApiKey),
        allowedHosts: LAMBDA_HOSTS,
        flush: "await",
        uploadMaxBytes: uploadMaxBytes(e),
      },
      ...database(l.Database, e),
      kafka: { ...kafkaFromLink(l.Kafka), clientId: "gourmetgram-api" },
      storage: s3Storage(l, e),
    }),

  relay: (l: Pick<Linked, "Database" | "Kafka">, e: Env = {}): RelaySettings => ({
    ...database(l.Database, e),
    kafka: KafkaSettings.parse({ ...kafkaFromLink(l.Kafka), clientId: "gourmetgram-relay" }),
    eventsDir: "/tmp/events", // unused: a deployed relay always has Kafka
  }),

  control: (
    l: Pick<Linked, "Database" | "Kafka" | "ApiKey" | "TrafficSchedule" | "Capacity">,
    e: Env,
  ): ControlSettings =>
    ControlSettings.parse({
      ...database(l.Database, e),
      kafka: { ...kafkaFromLink(l.Kafka), clientId: "gourmetgram-control" },
      apiKey: keyOf(l.ApiKey),
      allowedHosts: LAMBDA_HOSTS,
      rateCeilings: rateCeilings(l, e),
      schedule: {
        ruleName: l.TrafficSchedule.ruleName,
        targetId: l.TrafficSchedule.targetId,
        targetArn: l.TrafficSchedule.generatorArn,
        aws: { region: read(e, "AWS_REGION") },
      },
    }),

  migrate: (
    l: Pick<Linked, "Database" | "Kafka" | "Images" | "TrafficSchedule" | "Capacity">,
    e: Env,
  ) => ({
    seedBackground: l.TrafficSchedule.onByDefault,
    kafkaPartitions: l.Capacity.kafkaPartitions,
    settings: ApiSettings.parse({
      api: { flush: "await" },
      ...database(l.Database, e),
      kafka: { ...kafkaFromLink(l.Kafka), clientId: "gourmetgram-migrate" },
      storage: s3Storage(l, e),
    }),
    // infra/migrate.ts copies packages/core/migrations next to the bundle.
    migrationsDir: join(taskRoot(e), "migrations"),
  }),

  /**
   * GENERATOR_* variables still shape the default stream and the firing; the database, the API,
   * its key and Kafka come from the links. The Food-11 sample ships beside the bundle
   * (infra/generator.ts); GENERATOR_API_URL and GENERATOR_DATASET_PATH may override.
   */
  generator: (
    l: Pick<Linked, "Database" | "Kafka" | "Api" | "ApiKey" | "Capacity">,
    e: Env,
  ): GeneratorSettings => {
    // Kafka is read only when linked: clickstream streams go straight to it.
    const kafka = "Kafka" in l ? kafkaFromLink(l.Kafka) : null;
    const s = generatorSettingsFromEnv(e, { kafka });
    return {
      ...s,
      databaseUrl: database(l.Database, e).databaseUrl,
      apiUrl: read(e, "GENERATOR_API_URL") ?? l.Api.url,
      apiKey: keyOf(l.ApiKey),
      datasetPath: read(e, "GENERATOR_DATASET_PATH") ?? join(taskRoot(e), "food11"),
      rateCeilings: rateCeilings(l, e),
    };
  },

  /** The function the generator invokes for each shard of a split minute. */
  generatorShard: (l: Pick<Linked, "GeneratorShard">) => l.GeneratorShard.name,

  /** The queue the generator sends each window of a slow minute to, delayed to its lead. */
  generatorWakeQueue: (l: Pick<Linked, "GeneratorWakeQueue">, e: Env) =>
    wakeQueue(l.GeneratorWakeQueue.url, e),

  /** The control plane, which alone may switch the traffic rule. */
  generatorControl: (l: Pick<Linked, "Control" | "ApiKey">) => ({
    url: l.Control.url,
    apiKey: keyOf(l.ApiKey),
  }),
};

/** The API function: database, Kafka, bucket and API key. */
export function apiSettings(): ApiSettings {
  if (deployed) return fromLinks.api(linked, env);
  const s = apiSettingsFromEnv({ OUTBOX_FLUSH: "await", ...env });
  return { ...s, api: { ...s.api, allowedHosts: LAMBDA_HOSTS } };
}

/** The relay function: database and Kafka only. */
export function relaySettings(): RelaySettings {
  if (deployed) return fromLinks.relay(linked, env);
  const s = apiSettingsFromEnv(env);
  return { databaseUrl: s.databaseUrl, kafka: s.kafka, eventsDir: s.eventsDir };
}

/** The control plane: database, Kafka, API key, and the traffic rule with its generator target. */
export function controlSettings(): ControlSettings {
  if (deployed) return fromLinks.control(linked, env);
  return { ...controlSettingsFromEnv(env), allowedHosts: LAMBDA_HOSTS };
}

/**
 * Where the control function finds the Food-11 sample for POST /stream/plan: beside the bundle,
 * as the generator's (infra/control.ts copies it), or GENERATOR_DATASET_PATH. Undefined off
 * Lambda: the control plane then indexes the sample in the repository.
 */
export function controlDatasetPath(): string | undefined {
  if (!deployed) return read(env, "GENERATOR_DATASET_PATH");
  return read(env, "GENERATOR_DATASET_PATH") ?? join(taskRoot(env), "food11");
}

/**
 * The migrate function: database, Kafka (topics) and bucket, where the SQL files were copied, and
 * whether to seed the background stream (a stage whose traffic is on by default).
 */
export function migrateSettings(): {
  settings: ApiSettings;
  migrationsDir: string | undefined;
  seedBackground: boolean;
  kafkaPartitions: number | undefined;
} {
  if (deployed) return fromLinks.migrate(linked, env);
  return {
    settings: apiSettingsFromEnv(env),
    migrationsDir: read(env, "MIGRATIONS_DIR"),
    seedBackground: flag(env, "GG_TRAFFIC_ON_BY_DEFAULT") ?? false,
    kafkaPartitions: undefined,
  };
}

/** The generator function: database, the API's URL and key, Kafka for clickstream streams. */
export function generatorSettings(): GeneratorSettings {
  return deployed ? fromLinks.generator(linked, env) : generatorSettingsFromEnv(env);
}

/**
 * Where the generator reports a completed stream: the control plane, which alone may switch the
 * traffic rule (deployed: the linked Control URL; in Node: GG_CONTROL_URL, else nothing).
 */
export function generatorControl(): { url: string; apiKey: string | undefined } | null {
  if (deployed) return fromLinks.generatorControl(linked);
  const url = read(env, "GG_CONTROL_URL");
  return url ? { url, apiKey: read(env, "API_KEY") } : null;
}

/**
 * The shard function a split minute's slices are handed to (deployed: the linked GeneratorShard;
 * in Node: GENERATOR_SHARD_FUNCTION, else none and no minute is split).
 */
export function generatorShardFunction(): string | null {
  if (deployed) return fromLinks.generatorShard(linked);
  return read(env, "GENERATOR_SHARD_FUNCTION") ?? null;
}

/**
 * The queue a slow minute's windows are sent to (deployed: the linked GeneratorWakeQueue's URL; in
 * Node: GENERATOR_WAKE_QUEUE_URL, else none and every minute is fired in process or by shards).
 */
export function generatorWakeQueue(): WakeQueue | null {
  if (deployed) return fromLinks.generatorWakeQueue(linked, env);
  const url = read(env, "GENERATOR_WAKE_QUEUE_URL");
  return url ? wakeQueue(url, env) : null;
}
