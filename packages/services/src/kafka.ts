import { access } from "node:fs/promises";
import { join } from "node:path";
import { Kafka, logLevel } from "kafkajs";
import { ensureDir } from "./cache";
import type { ServicesConfig } from "./config";
import { clusterId, writeLog4j, writeServerProperties } from "./kafka-config";
import { installKafka, KAFKA_VERSION, kafkaLibsDir } from "./kafka-install";
import {
  commandLine,
  livePid,
  removePid,
  run,
  spawnDetached,
  stopGroup,
  writePid,
} from "./process";
import type { Service } from "./service";

const MAIN_CLASS = "kafka.Kafka";
const home = (c: ServicesConfig) => join(c.dataDir, "kafka");
const pidFile = (c: ServicesConfig) => join(home(c), "kafka.pid");
const logFile = (c: ServicesConfig) => join(c.logDir, "kafka.log");

/** The JVM for our broker: a small heap is plenty for one node on loopback. */
const java = (c: ServicesConfig, log4j: string, main: string, args: string[]) => ({
  command: "java",
  args: [
    "-Xms256m",
    "-Xmx768m",
    "-Djava.awt.headless=true",
    `-Dlog4j.configuration=file:${log4j}`,
    "-cp",
    `${kafkaLibsDir(c)}/*`,
    main,
    ...args,
  ],
  logFile: logFile(c),
  cwd: home(c),
});

export const kafka: Service = {
  name: "kafka",
  title: "Apache Kafka",
  port: (c) => c.kafkaPort,
  portEnv: "GG_KAFKA_PORT",
  logFile,
  readyTimeoutMs: 90_000,

  async probe(c) {
    // A bare TCP probe answers before the broker serves requests; a metadata call does not.
    const client = new Kafka({
      brokers: [`${c.host}:${c.kafkaPort}`],
      clientId: "gg-services-probe",
      connectionTimeout: 1_000,
      requestTimeout: 2_000,
      retry: { retries: 0 },
      logLevel: logLevel.NOTHING,
    });
    const admin = client.admin();
    try {
      await admin.connect();
      await admin.listTopics();
      // The wire protocol does not carry the broker's release; we know it only for our own.
      return (await this.ownPid(c)) ? `Apache Kafka ${KAFKA_VERSION}` : "Apache Kafka";
    } catch {
      return undefined;
    } finally {
      await admin.disconnect().catch(() => undefined);
    }
  },

  async ownPid(c) {
    const pid = await livePid(pidFile(c));
    return pid && (await commandLine(pid)).includes(MAIN_CLASS) ? pid : undefined;
  },

  async install(c, log) {
    await installKafka(c, log);
  },

  async start(c, log) {
    const dir = home(c);
    await ensureDir(dir);
    const props = await writeServerProperties(c, dir);
    const log4j = await writeLog4j(dir);
    const formatted = await access(join(dir, "data", "meta.properties")).then(
      () => true,
      () => false,
    );
    if (!formatted) {
      log("formatting the KRaft log dir");
      const args = ["format", "--ignore-formatted", "-t", await clusterId(dir), "-c", props];
      await run(java(c, log4j, "kafka.tools.StorageTool", args), "kafka-storage format");
    }
    await writePid(pidFile(c), spawnDetached(java(c, log4j, MAIN_CLASS, [props])));
  },

  async stop(c) {
    const pid = await this.ownPid(c);
    if (!pid) return false;
    // Controlled shutdown of a single node takes a few seconds; then it is killed.
    await stopGroup(pid, 30_000);
    await removePid(pidFile(c));
    return true;
  },
};
