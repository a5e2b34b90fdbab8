import { type Env, read } from "@gg/core/env";
import { rateCeilingsFromEnv } from "@gg/traffic/rates";
import { apiSettingsFromEnv, localStackOf, usesLocalStack } from "../env";
import { ControlSettings } from "./settings";

/** The names the local stack uses for the traffic rule and the queue it fires into. */
export const LOCAL_SCHEDULE = {
  ruleName: "gourmetgram-traffic",
  queueName: "gourmetgram-traffic-ticks",
  targetId: "ticks",
} as const;

/**
 * ControlSettings from plain environment variables (pure: the deployable passes its env).
 * Database, Kafka and API_KEY as for the API. The schedule: GG_TRAFFIC_TARGET_ARN names a
 * deployed rule's target (with GG_TRAFFIC_RULE); else GG_LOCAL_STACK=1, EVENTS_ENDPOINT or
 * AWS_ENDPOINT_URL put the rule (GG_TRAFFIC_RULE, default gourmetgram-traffic) on that emulator,
 * firing into SQS queue GG_TRAFFIC_QUEUE (default gourmetgram-traffic-ticks); else none.
 * GG_TRAFFIC_SCHEDULE=off forces none. GENERATOR_MAX_RATE and CLICKSTREAM_MAX_RATE cap a stream's
 * rate (defaults 2000/s and 20000/s).
 */
export function controlSettingsFromEnv(
  env: Env,
  defaults: { embeddedDatabaseUrl?: string; dataDir?: string } = {},
): ControlSettings {
  const api = apiSettingsFromEnv(env, defaults);
  const endpoint =
    read(env, "EVENTS_ENDPOINT") ??
    read(env, "AWS_ENDPOINT_URL") ??
    (usesLocalStack(env) ? localStackOf(env).s3Endpoint : undefined);
  const aws = {
    region: read(env, "AWS_REGION"),
    endpoint,
    // An emulator takes any keys; without these the SDK would look for real ones and fail.
    credentials:
      endpoint && !read(env, "AWS_ACCESS_KEY_ID")
        ? { accessKeyId: "test", secretAccessKey: "test" }
        : undefined,
  };
  const schedule =
    env.GG_TRAFFIC_SCHEDULE === "off"
      ? null
      : env.GG_TRAFFIC_TARGET_ARN
        ? {
            ruleName: env.GG_TRAFFIC_RULE,
            targetId: env.GG_TRAFFIC_TARGET_ID,
            targetArn: env.GG_TRAFFIC_TARGET_ARN,
            aws,
          }
        : endpoint
          ? {
              ruleName: env.GG_TRAFFIC_RULE ?? LOCAL_SCHEDULE.ruleName,
              targetId: env.GG_TRAFFIC_TARGET_ID ?? LOCAL_SCHEDULE.targetId,
              queueName: env.GG_TRAFFIC_QUEUE ?? LOCAL_SCHEDULE.queueName,
              aws,
            }
          : null;
  return ControlSettings.parse({
    databaseUrl: api.databaseUrl,
    databasePoolSize: read(env, "DATABASE_POOL_SIZE") ? api.databasePoolSize : undefined,
    kafka: api.kafka,
    apiKey: api.api.apiKey,
    clickstreamTopics: {
      users: env.CLICKSTREAM_TOPIC_USERS || undefined,
      products: env.CLICKSTREAM_TOPIC_PRODUCTS || undefined,
      interactions: env.CLICKSTREAM_TOPIC_INTERACTIONS || undefined,
      sessions: env.CLICKSTREAM_TOPIC_SESSIONS || undefined,
    },
    rateCeilings: rateCeilingsFromEnv(env),
    schedule,
  });
}
