// What the migrate invocation on deploy depends on, as plain values: a change in any of them must
// re-run it, so that a stage whose Kafka cluster, partition count or topics change gets its topics
// created before a function produces to them. No SST globals here, so unit tests import it.
import { createHash } from "node:crypto";
import { GourmetGramTopics } from "../packages/core/src/kafka/gourmetgram-topics";

export interface KafkaIdentity {
  brokers: string[];
  ssl: boolean;
  mechanism: string;
  /** The principal: ACLs are per user. The password is left out (rotating it changes nothing). */
  username: string;
}

// A type, not an interface: the Invocation resource wants an index signature.
export type MigrateTriggers = {
  migrationsHash: string;
  /** sha256 of the cluster and principal: the triggers land in the state, the broker list not. */
  kafka: string;
  kafkaPartitions: string;
  topics: string;
};

/** The topic names the migrate function creates (the registry's, in order). */
export const topicNames = (): string[] => GourmetGramTopics.topics.map((t) => t.name);

/** The triggers of `MigrateOnDeploy`: strings only, as the Lambda invocation resource wants. */
export function migrateTriggers(
  migrationsHash: string,
  kafka: KafkaIdentity,
  kafkaPartitions: number,
): MigrateTriggers {
  const cluster = JSON.stringify([
    [...kafka.brokers].sort(),
    kafka.ssl,
    kafka.mechanism,
    kafka.username,
  ]);
  return {
    migrationsHash,
    kafka: createHash("sha256").update(cluster).digest("hex"),
    kafkaPartitions: String(kafkaPartitions),
    topics: topicNames().join(","),
  };
}
