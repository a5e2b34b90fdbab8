import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { once } from "./cache";
import type { ServicesConfig } from "./config";
import type { Log } from "./log";
import { run } from "./process";

export const KAFKA_VERSION = "3.9.1";

// kafka_2.13 pulls the broker, raft, metadata, storage and clients; 3.9's POM has no logging
// backend, hence reload4j. kafka-tools carries ProducerPerformance for the firehose benchmark.
const artifacts = [
  ["org.apache.kafka", "kafka_2.13", KAFKA_VERSION],
  ["org.apache.kafka", "kafka-tools", KAFKA_VERSION],
  ["ch.qos.reload4j", "reload4j", "1.2.25"],
  ["org.slf4j", "slf4j-reload4j", "1.7.36"],
] as const;

const pom = `<?xml version="1.0" encoding="UTF-8"?>
<project xmlns="http://maven.apache.org/POM/4.0.0">
  <modelVersion>4.0.0</modelVersion>
  <groupId>local.gourmetgram</groupId>
  <artifactId>kafka-runtime</artifactId>
  <version>${KAFKA_VERSION}</version>
  <packaging>pom</packaging>
  <dependencies>
${artifacts
  .map(
    ([g, a, v]) =>
      `    <dependency><groupId>${g}</groupId><artifactId>${a}</artifactId><version>${v}</version></dependency>`,
  )
  .join("\n")}
  </dependencies>
</project>
`;

/** The folder of Kafka jars (broker and tools): use it as a `-cp "<dir>/*"` classpath. */
export const kafkaLibsDir = (config: ServicesConfig) =>
  join(config.cacheDir, `kafka-${KAFKA_VERSION}`, "libs");

/** Resolves the Kafka jars from Maven Central into the cache (once). */
export async function installKafka(config: ServicesConfig, log: Log): Promise<string> {
  const dir = join(config.cacheDir, `kafka-${KAFKA_VERSION}`);
  const ran = await once(dir, artifacts.map((a) => a.join(":")).join(" "), async () => {
    log("resolving jars from Maven Central (cold cache; takes a minute)");
    await writeFile(join(dir, "pom.xml"), pom);
    const args = [
      "-B",
      "-q",
      "-f",
      join(dir, "pom.xml"),
      // The local repository lives in our cache too, so a fresh cache dir is really cold.
      `-Dmaven.repo.local=${join(config.cacheDir, "maven-repo")}`,
      "org.apache.maven.plugins:maven-dependency-plugin:3.8.1:copy-dependencies",
      "-DincludeScope=runtime",
      `-DoutputDirectory=${join(dir, "libs")}`,
    ];
    await run({ command: "mvn", args, logFile: join(config.logDir, "kafka.log") }, "mvn");
  });
  if (ran) log(`jars in ${kafkaLibsDir(config)}`);
  return kafkaLibsDir(config);
}
