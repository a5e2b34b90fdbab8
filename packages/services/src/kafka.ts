import { access } from "node:fs/promises";
import { join } from "node:path";
import { Kafka, logLevel } from "kafkajs";
import { ensureDir } from "./cache";
import { KAFKA_SASL_USER, type ServicesConfig } from "./config";
import { clusterId, writeLog4j, writeServerProperties } from "./kafka-config";
import { installKafka, KAFKA_VERSION, kafkaLibsDir } from "./kafka-install";
import type { Log } from "./log";
import {
  commandLine,
  livePid,
  portOpen,
  removePid,
  run,
  StepError,
  spawnDetached,
  stopGroup,
  waitUntil,
  writePid,
} from "./process";
import type { Service } from "./service";

const MAIN_CLASS = "kafka.Kafka";
const home = (c: ServicesConfig) => join(c.dataDir, "kafka");
const pidFile = (c: ServicesConfig) => join(home(c), "kafka.pid");
const logFile = (c: ServicesConfig) => join(c.logDir, "kafka.log");

// A JVM that runs for seconds (the storage and config tools, a "quick" broker) spends much of
// its CPU compiling: the first JIT tier alone and the serial collector start it on about a third
// less.
const QUICK_JVM = ["-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"];

/** The JVM for our broker and its tools: a small heap is plenty for one node on loopback. */
const java = (c: ServicesConfig, log4j: string, main: string, args: string[]) => ({
  command: "java",
  args: [
    "-Xms256m",
    "-Xmx768m",
    ...(main !== MAIN_CLASS || c.kafkaJvm === "quick" ? QUICK_JVM : []),
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
    if (!(await answers(c, c.kafkaPort))) return undefined;
    // The wire protocol does not carry the broker's release; we know it only for our own.
    return (await this.ownPid(c)) ? `Apache Kafka ${KAFKA_VERSION}` : "Apache Kafka";
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

  // The SASL listener (kafka-config.ts) came later: our broker started without it is restarted
  // once; then the SCRAM user is created if it cannot log in yet. A broker that is not ours is
  // left alone (only deploy:check's SASL tests need the listener and the user).
  async prepare(c, log) {
    const pid = await this.ownPid(c);
    const listening = await portOpen(c.host, c.kafkaSaslPort);
    if (!listening && pid) {
      log(`restarting our broker (pid ${pid}) to open the SASL listener on ${c.kafkaSaslPort}`);
      await this.stop(c, log);
      await this.start(c, log);
      const ready = await waitUntil(async () => !!(await this.probe(c)), this.readyTimeoutMs, 300);
      if (!ready) throw new StepError("Kafka not ready after its restart", logFile(c));
    } else if (!pid) {
      // Not ours (compose): its listeners and users are not ours to change.
      if (!listening) log(`no SASL listener on ${c.host}:${c.kafkaSaslPort}: SASL tests will fail`);
      return;
    }
    await ensureScramUser(c, log);
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

/** Whether a metadata call succeeds on `port` now (logged in as `sasl` when given). */
async function answers(
  c: ServicesConfig,
  port: number,
  sasl?: { username: string; password: string },
): Promise<boolean> {
  const client = new Kafka({
    brokers: [`${c.host}:${port}`],
    clientId: "gg-services-probe",
    sasl: sasl ? { mechanism: "scram-sha-512", ...sasl } : undefined,
    connectionTimeout: 1_000,
    requestTimeout: 2_000,
    retry: { retries: 0 },
    logLevel: logLevel.NOTHING,
  });
  const admin = client.admin();
  try {
    await admin.connect();
    await admin.listTopics();
    return true;
  } catch {
    return false;
  } finally {
    await admin.disconnect().catch(() => undefined);
  }
}

const scramLogsIn = (c: ServicesConfig) => answers(c, c.kafkaSaslPort, KAFKA_SASL_USER);

/** Creates the SCRAM-SHA-512 user in the cluster's metadata with Kafka's own tool (idempotent). */
async function ensureScramUser(c: ServicesConfig, log: Log): Promise<void> {
  if (await scramLogsIn(c)) return;
  log(`creating the SCRAM user "${KAFKA_SASL_USER.username}"`);
  const config = `SCRAM-SHA-512=[iterations=4096,password=${KAFKA_SASL_USER.password}]`;
  const args = ["--bootstrap-server", `${c.host}:${c.kafkaPort}`, "--alter", "--add-config"];
  args.push(config, "--entity-type", "users", "--entity-name", KAFKA_SASL_USER.username);
  const dir = home(c);
  await run(
    java(c, join(dir, "log4j.properties"), "kafka.admin.ConfigCommand", args),
    "kafka-configs",
  );
  if (!(await waitUntil(() => scramLogsIn(c), 15_000, 300))) {
    throw new StepError("the SCRAM user cannot log in after its creation", logFile(c));
  }
}
