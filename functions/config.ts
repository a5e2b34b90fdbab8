import { type ApiSettings, apiSettingsFromEnv } from "@gg/api";
import { Resource } from "sst";

// The one module of the Lambda deployable that reads its environment. Deployed, SST links
// resources (infra/*.ts names them); run in Node for tests, plain variables configure the same
// handlers (DATABASE_URL, KAFKA_BROKERS, S3_ENDPOINT, ...: see the README).

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
  TrafficSchedule: { ruleName: string; targetId: string; generatorArn: string };
}

const env = process.env;
const deployed = Boolean(env.SST_RESOURCE_App || env.SST_KEY_FILE);
const linked = Resource as unknown as Linked;

/** Settings of the API (and of the relay and migrate functions, which share its runtime). */
export function apiSettings(): ApiSettings {
  if (!deployed) return apiSettingsFromEnv({ OUTBOX_FLUSH: "await", ...env });
  const db = linked.Database;
  const kafka = linked.Kafka;
  const url = `postgres://${encodeURIComponent(db.username)}:${encodeURIComponent(db.password)}@${db.host}:${db.port}/${db.database}`;
  return apiSettingsFromEnv({
    // A Lambda may freeze right after answering: publish before the response leaves.
    OUTBOX_FLUSH: "await",
    DATABASE_URL: `${url}?sslmode=no-verify`,
    DATABASE_POOL_SIZE: "2",
    KAFKA_BROKERS: kafka.brokers.join(","),
    KAFKA_SSL: String(kafka.ssl),
    KAFKA_SASL_MECHANISM: kafka.username ? kafka.mechanism : undefined,
    KAFKA_USERNAME: kafka.username,
    KAFKA_PASSWORD: kafka.password,
    S3_BUCKET: linked.Images.name,
    AWS_REGION: env.AWS_REGION,
    API_KEY: linked.ApiKey.value,
    UPLOAD_MAX_BYTES: env.UPLOAD_MAX_BYTES,
  });
}
