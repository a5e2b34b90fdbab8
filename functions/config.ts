import { join } from "node:path";
import { type ApiSettings, apiSettingsFromEnv, type RelaySettings } from "@gg/api";
import { type ControlSettings, controlSettingsFromEnv } from "@gg/api/control";
import { type GeneratorSettings, generatorSettingsFromEnv } from "@gg/traffic/runner";
import { Resource } from "sst";

// The one module of the Lambda deployable that reads its environment. Deployed, SST links
// resources (infra/*.ts names them) and each function reads only what it is linked to; run in
// Node for tests, plain variables configure the same handlers (DATABASE_URL, KAFKA_BROKERS,
// S3_ENDPOINT, ...: see the README).

/** What infra/ links to the functions, by linkable name. */
interface Linked {
  Database: { host: string; port: number; username: string; password: string; database: string };
  Images: { name: string };
  Kafka: {
    brokers: string[];
    username: string;
    password: string;
    mechanism: "plain" | "scram-sha-256" | "scram-sha-512";
    ssl: boolean;
  };
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
  TrafficSchedule: {
    ruleName: string;
    ruleArn: string;
    targetId: string;
    generatorArn: string;
    onByDefault: boolean;
  };
}

const env = process.env;
const deployed = Boolean(env.SST_RESOURCE_App || env.SST_KEY_FILE);
const linked = Resource as unknown as Linked;

// Each piece is read only when a function asks for it: reading a resource a function is not
// linked to throws.
const database = () => {
  const db = linked.Database;
  const auth = `${encodeURIComponent(db.username)}:${encodeURIComponent(db.password)}`;
  // RDS requires TLS; its CA is not in Node's default store, hence no-verify inside the VPC.
  return {
    DATABASE_URL: `postgres://${auth}@${db.host}:${db.port}/${db.database}?sslmode=no-verify`,
    DATABASE_POOL_SIZE: "2",
  };
};
const kafka = () => {
  const k = linked.Kafka;
  return {
    KAFKA_BROKERS: k.brokers.join(","),
    KAFKA_SSL: String(k.ssl),
    KAFKA_SASL_MECHANISM: k.username ? k.mechanism : undefined,
    KAFKA_USERNAME: k.username,
    KAFKA_PASSWORD: k.password,
  };
};
// A Lambda may freeze right after answering: publish before the response leaves.
const common = {
  OUTBOX_FLUSH: "await",
  AWS_REGION: env.AWS_REGION,
  UPLOAD_MAX_BYTES: env.UPLOAD_MAX_BYTES,
};

/** The API function: database, Kafka, bucket and API key. */
export function apiSettings(): ApiSettings {
  if (!deployed) return apiSettingsFromEnv({ OUTBOX_FLUSH: "await", ...env });
  return apiSettingsFromEnv({
    ...common,
    ...database(),
    ...kafka(),
    S3_BUCKET: linked.Images.name,
    API_KEY: linked.ApiKey.value,
  });
}

/** The relay function: database and Kafka only. */
export function relaySettings(): RelaySettings {
  const s = deployed
    ? apiSettingsFromEnv({ ...common, ...database(), ...kafka() })
    : apiSettingsFromEnv(env);
  return { databaseUrl: s.databaseUrl, kafka: s.kafka, eventsDir: s.eventsDir };
}

/** The control plane: database, Kafka, API key, and the traffic rule with its generator target. */
export function controlSettings(): ControlSettings {
  if (!deployed) return controlSettingsFromEnv(env);
  const schedule = linked.TrafficSchedule;
  return controlSettingsFromEnv({
    ...common,
    ...database(),
    ...kafka(),
    API_KEY: linked.ApiKey.value,
    GG_TRAFFIC_RULE: schedule.ruleName,
    GG_TRAFFIC_TARGET_ID: schedule.targetId,
    GG_TRAFFIC_TARGET_ARN: schedule.generatorArn,
  });
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
  if (!deployed) {
    return {
      settings: apiSettingsFromEnv(env),
      migrationsDir: env.MIGRATIONS_DIR,
      seedBackground: env.GG_TRAFFIC_ON_BY_DEFAULT === "1",
      kafkaPartitions: undefined,
    };
  }
  return {
    seedBackground: linked.TrafficSchedule.onByDefault,
    kafkaPartitions: linked.Capacity.kafkaPartitions,
    settings: apiSettingsFromEnv({
      ...common,
      ...database(),
      ...kafka(),
      S3_BUCKET: linked.Images.name,
    }),
    // infra/migrate.ts copies packages/core/migrations next to the bundle.
    migrationsDir: join(env.LAMBDA_TASK_ROOT ?? "/var/task", "migrations"),
  };
}

/**
 * The generator function: database, the API's URL and key. GENERATOR_* variables shape the
 * default stream; deployed, the Food-11 sample is copied beside the bundle (infra/generator.ts).
 */
export function generatorSettings(): GeneratorSettings {
  if (!deployed) return generatorSettingsFromEnv(env);
  return generatorSettingsFromEnv({
    ...env,
    ...clickstreamKafka(),
    DATABASE_URL: database().DATABASE_URL,
    GENERATOR_API_URL: env.GENERATOR_API_URL ?? linked.Api.url,
    GENERATOR_API_KEY: linked.ApiKey.value,
    GENERATOR_DATASET_PATH:
      env.GENERATOR_DATASET_PATH ?? join(env.LAMBDA_TASK_ROOT ?? "/var/task", "food11"),
  });
}

/**
 * Where the generator reports a completed stream: the control plane, which alone may switch the
 * traffic rule (deployed: the linked Control URL; in Node: GG_CONTROL_URL, else nothing).
 */
export function generatorControl(): { url: string; apiKey: string | undefined } | null {
  if (!deployed)
    return env.GG_CONTROL_URL ? { url: env.GG_CONTROL_URL, apiKey: env.API_KEY } : null;
  return { url: linked.Control.url, apiKey: linked.ApiKey.value };
}

// Clickstream streams go straight to Kafka, so the generator reads Kafka only when infra links it
// (SST's Resource throws on a resource the function is not linked to).
function clickstreamKafka() {
  try {
    return kafka();
  } catch {
    return {};
  }
}
