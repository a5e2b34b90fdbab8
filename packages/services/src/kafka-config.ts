import { randomBytes } from "node:crypto";
import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { ServicesConfig } from "./config";

/** The SASL_PLAINTEXT listener's name, in server.properties and in the restart-once check. */
const SASL_LISTENER = "SASL_PLAINTEXT";

/** Writes server.properties for one combined broker+controller on loopback; returns its path. */
export async function writeServerProperties(c: ServicesConfig, dir: string): Promise<string> {
  const props = {
    "process.roles": "broker,controller",
    "node.id": 1,
    "controller.quorum.voters": `1@${c.host}:${c.kafkaControllerPort}`,
    listeners: `PLAINTEXT://${c.host}:${c.kafkaPort},CONTROLLER://${c.host}:${c.kafkaControllerPort},${SASL_LISTENER}://${c.host}:${c.kafkaSaslPort}`,
    "advertised.listeners": `PLAINTEXT://${c.host}:${c.kafkaPort},${SASL_LISTENER}://${c.host}:${c.kafkaSaslPort}`,
    "controller.listener.names": "CONTROLLER",
    "inter.broker.listener.name": "PLAINTEXT",
    "listener.security.protocol.map": `PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,${SASL_LISTENER}:SASL_PLAINTEXT`,
    // A deployed stage's Kafka speaks SASL/SCRAM: this listener lets tests prove credentials that
    // work and credentials that are refused. Users are SCRAM credentials in the cluster metadata
    // (kafka.ts creates ours at start); no authorizer, so every user may do everything.
    "sasl.enabled.mechanisms": "SCRAM-SHA-512",
    [`listener.name.${SASL_LISTENER.toLowerCase()}.scram-sha-512.sasl.jaas.config`]:
      "org.apache.kafka.common.security.scram.ScramLoginModule required;",
    "log.dirs": join(dir, "data"),
    "num.partitions": 3,
    "auto.create.topics.enable": true,
    "default.replication.factor": 1,
    "min.insync.replicas": 1,
    "offsets.topic.replication.factor": 1,
    "transaction.state.log.replication.factor": 1,
    "transaction.state.log.min.isr": 1,
    // One partition each, else the first consumer group or transaction creates 50.
    "offsets.topic.num.partitions": 1,
    "transaction.state.log.num.partitions": 1,
    // Tests join groups constantly; the default 3 s delay would be paid on every one.
    "group.initial.rebalance.delay.ms": 0,
  };
  const file = join(dir, "server.properties");
  const body = Object.entries(props).map(([k, v]) => `${k}=${v}`);
  await writeFile(file, `${body.join("\n")}\n`);
  return file;
}

/** Logs go to stdout, which the tool appends to the one kafka.log. */
export async function writeLog4j(dir: string): Promise<string> {
  const file = join(dir, "log4j.properties");
  const lines = [
    "log4j.rootLogger=INFO, stdout",
    "log4j.appender.stdout=org.apache.log4j.ConsoleAppender",
    "log4j.appender.stdout.layout=org.apache.log4j.PatternLayout",
    "log4j.appender.stdout.layout.ConversionPattern=[%d] %p %m (%c)%n",
    // The per-request and state-change chatter drowns the lines worth reading.
    "log4j.logger.kafka.request.logger=WARN",
    "log4j.logger.state.change.logger=WARN",
    "log4j.logger.org.apache.kafka.clients=WARN",
  ];
  await writeFile(file, `${lines.join("\n")}\n`);
  return file;
}

/**
 * The cluster id of this data dir, minted once (a Kafka Uuid: 16 random bytes, base64url). Like
 * Kafka's own Uuid.randomUuid, never one that starts with "-": kafka-storage's argument parser
 * takes it for an option and refuses the format (1 in 64 ids). One minted that way before this
 * rule is minted again: no format can have used it.
 */
export async function clusterId(dir: string): Promise<string> {
  const file = join(dir, "cluster-id");
  const found = (await readFile(file, "utf8").catch(() => "")).trim();
  if (found && !found.startsWith("-")) return found;
  let id: string;
  do id = randomBytes(16).toString("base64url");
  while (id.startsWith("-"));
  await writeFile(file, `${id}\n`);
  return id;
}
