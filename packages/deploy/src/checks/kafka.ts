import { createKafka, type Kafka, kafkaFromLink } from "@gg/core/kafka";
import { parseBrokers, parseSaslMechanism, parseSsl } from "../../../../infra/kafka-settings";
import { type CheckResult, fail, KAFKA_README, pass } from "../report";
import { classify } from "./kafka-errors";

export interface KafkaProbeSettings {
  brokers: string;
  ssl: string;
  mechanism: string;
  username: string;
  password: string;
}

// MSK's private listeners (9092 plain, 9094 TLS, 9096 SCRAM, 9098 IAM) on b-N.<cluster>... names:
// reachable only inside the cluster's VPC (or a peered one), never from a stage's NAT or Lambda.
const PRIVATE_MSK = /^b-\d+\.(?:[^.]+\.)+kafka\.[a-z0-9-]+\.amazonaws\.com:(9092|9094|9096|9098)$/;

/** An MSK broker address that only its own VPC can reach (the public ones say `-public`). */
export const isPrivateMsk = (broker: string) => PRIVATE_MSK.test(broker);

const within = <T>(ms: number, work: Promise<T>): Promise<T> =>
  Promise.race([
    work,
    new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref(),
    ),
  ]);

const fixFor: Record<string, string> = {
  auth: "check KafkaUsername, KafkaPassword and KafkaSaslMechanism (or KAFKA_USERNAME, KAFKA_PASSWORD, KAFKA_SASL_MECHANISM)",
  tls: "KafkaSsl true for a TLS listener, false for a plain one (or KAFKA_SSL)",
  unreachable: `check the address, and that the cluster admits this machine and the stage (${KAFKA_README})`,
  other: `see ${KAFKA_README}`,
};

/**
 * The stage's Kafka from this machine: reachable with its TLS and SASL settings, and whether the
 * principal may create the stage's topics with its partition count (a validate-only CreateTopics,
 * which creates nothing). Two lines: the connection, then the topics.
 */
export async function checkKafka(
  settings: KafkaProbeSettings,
  stage: { topics: string[]; kafkaPartitions: number },
  timeoutMs = 8_000,
): Promise<CheckResult[]> {
  const name = "Kafka connection";
  let kafka: Kafka;
  let brokers: string[];
  try {
    brokers = parseBrokers(settings.brokers);
    const link = {
      brokers,
      ssl: parseSsl(settings.ssl),
      mechanism: parseSaslMechanism(settings.mechanism),
      username: settings.username,
      password: settings.password,
    };
    kafka = createKafka({
      ...kafkaFromLink(link),
      clientId: "gourmetgram-deploy-check",
      connectionTimeoutMs: Math.min(5_000, timeoutMs),
      requestTimeoutMs: timeoutMs,
      retries: 0,
      logLevel: "nothing",
    });
  } catch (e) {
    return [fail(name, (e as Error).message, "set the Kafka secrets (or KAFKA_*) again")];
  }
  const who = settings.username
    ? `as ${settings.username} (${settings.mechanism.toUpperCase()})`
    : "without SASL";
  const how = `${who}, ${settings.ssl === "false" || settings.ssl === "0" || settings.ssl === "no" ? "plain text" : "TLS"}`;
  const lines: CheckResult[] = [];
  const privateMsk = brokers.filter(isPrivateMsk);
  if (privateMsk.length > 0) {
    lines.push(
      fail(
        "Kafka from the stage",
        `${privateMsk.join(", ")} is a private MSK listener: only its own VPC reaches it`,
        `turn on MSK public access and use its SCRAM port 9196 (b-N-public...), or peer the VPCs (${KAFKA_README})`,
      ),
    );
  }
  const admin = kafka.admin();
  try {
    await within(timeoutMs, admin.connect());
    const cluster = await within(timeoutMs, admin.describeCluster());
    lines.push(
      pass(
        name,
        `${brokers.join(", ")} answered ${how}: ${cluster.brokers.length} broker(s); reachable from here, the stage reaches it from its own addresses (${KAFKA_README})`,
      ),
    );
    lines.push(await checkTopics(admin, stage, timeoutMs));
  } catch (e) {
    const { kind, message } = classify(e);
    const what: Record<string, string> = {
      auth: `${brokers.join(", ")} refused the credentials ${who}`,
      tls: `TLS with ${brokers.join(", ")} failed`,
      unreachable: `no answer from ${brokers.join(", ")} ${how}`,
    };
    lines.push(
      fail(
        name,
        `${what[kind] ?? `${brokers.join(", ")} failed`} (${message})`,
        fixFor[kind] ?? fixFor.other!,
      ),
    );
  } finally {
    await admin.disconnect().catch(() => {});
  }
  return lines;
}

async function checkTopics(
  admin: ReturnType<Kafka["admin"]>,
  stage: { topics: string[]; kafkaPartitions: number },
  timeoutMs: number,
): Promise<CheckResult> {
  const name = "Kafka topics";
  try {
    const existing = new Set(await within(timeoutMs, admin.listTopics()));
    const missing = stage.topics.filter((t) => !existing.has(t));
    const present = stage.topics.filter((t) => existing.has(t));
    if (missing.length > 0) {
      // validateOnly: the broker checks the right to create and the partition count, creates nothing.
      await within(
        timeoutMs,
        admin.createTopics({
          validateOnly: true,
          waitForLeaders: false,
          topics: missing.map((topic) => ({
            topic,
            numPartitions: stage.kafkaPartitions,
            replicationFactor: -1,
          })),
        }),
      );
    }
    const made = missing.length
      ? `the deploy may create ${missing.length} (${stage.kafkaPartitions} partitions each, validated)`
      : "";
    const kept = present.length ? `${present.length} exist (kept as they are)` : "";
    return pass(name, [made, kept].filter(Boolean).join("; "));
  } catch (e) {
    const { kind, message } = classify(e);
    if (kind === "denied") {
      return fail(
        name,
        `not allowed to create ${stage.topics.join(", ")} (${message})`,
        `grant CREATE on the cluster or those topics to this principal, or create them with ${stage.kafkaPartitions} partitions (${KAFKA_README})`,
      );
    }
    return fail(
      name,
      `creating the topics with ${stage.kafkaPartitions} partitions was refused (${message})`,
      `see ${KAFKA_README}`,
    );
  }
}
