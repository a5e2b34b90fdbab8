import { type Env, flag, int, list, read } from "@gg/core/env";
import { clickstreamTopicNamesFromEnv, kafkaFromEnv } from "@gg/core/kafka";
import {
  awsEndpointFromEnv,
  awsFromEnv,
  databaseUrlFromEnv,
  localStackOf,
  usesLocalStack,
} from "@gg/core/services";
import { rateCeilingsFromEnv } from "@gg/traffic/scenarios";
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
 * GG_TRAFFIC_SCHEDULE=off forces none. ALLOWED_HOSTS: the Host names served without a key. GENERATOR_MAX_RATE and CLICKSTREAM_MAX_RATE cap a stream's
 * rate (defaults 2000/s and 20000/s).
 */
export function controlSettingsFromEnv(
  env: Env,
  defaults: { embeddedDatabaseUrl?: string } = {},
): ControlSettings {
  const local = usesLocalStack(env) ? localStackOf(env) : undefined;
  const kafka = kafkaFromEnv(env, local ? [local.kafkaBrokers] : undefined);
  const aws = awsFromEnv(env, awsEndpointFromEnv(env, "EVENTS_ENDPOINT"));
  const schedule =
    flag(env, "GG_TRAFFIC_SCHEDULE") === false
      ? null
      : read(env, "GG_TRAFFIC_TARGET_ARN")
        ? {
            ruleName: read(env, "GG_TRAFFIC_RULE"),
            targetId: read(env, "GG_TRAFFIC_TARGET_ID"),
            targetArn: read(env, "GG_TRAFFIC_TARGET_ARN"),
            aws,
          }
        : aws.endpoint
          ? {
              ruleName: read(env, "GG_TRAFFIC_RULE") ?? LOCAL_SCHEDULE.ruleName,
              targetId: read(env, "GG_TRAFFIC_TARGET_ID") ?? LOCAL_SCHEDULE.targetId,
              queueName: read(env, "GG_TRAFFIC_QUEUE") ?? LOCAL_SCHEDULE.queueName,
              aws,
            }
          : null;
  return ControlSettings.parse({
    databaseUrl: databaseUrlFromEnv(env, defaults.embeddedDatabaseUrl),
    databasePoolSize: int(env, "DATABASE_POOL_SIZE", { min: 1 }),
    kafka: kafka ? { ...kafka, topicPrefix: read(env, "KAFKA_TOPIC_PREFIX") } : null,
    apiKey: read(env, "API_KEY"),
    allowedHosts: list(env, "ALLOWED_HOSTS"),
    clickstreamTopics: clickstreamTopicNamesFromEnv(env),
    rateCeilings: rateCeilingsFromEnv(env),
    schedule,
  });
}
