import { homedir } from "node:os";
import { join, resolve } from "node:path";
import { type Env, int, read } from "@gg/core/env";
import { PORT } from "@gg/core/services";

/** Everything the services tool needs to know, resolved once from the environment. */
export interface ServicesConfig {
  /** Downloads and installs (binaries, jars, the venv), shared by every clone on the machine. */
  cacheDir: string;
  /** Databases, Kafka logs, LocalStack state and pid files. */
  dataDir: string;
  /** One log file per service. */
  logDir: string;
  host: "127.0.0.1";
  pgPort: number;
  kafkaPort: number;
  kafkaControllerPort: number;
  /** A second listener, SASL_PLAINTEXT with SCRAM-SHA-512 (user KAFKA_SASL_USER): deploy:check's tests. */
  kafkaSaslPort: number;
  localstackPort: number;
  /**
   * The broker's JVM (GG_KAFKA_JVM): "server" (the default) compiles its hot paths fully, for
   * sustained load; "quick" stops at the first JIT tier and uses the serial collector, for a
   * short-lived broker (the test suite's own ones): it starts on about a third less CPU.
   */
  kafkaJvm: "server" | "quick";
  /** Running as root: Postgres must then run as the unprivileged `postgres` user. */
  isRoot: boolean;
}

/** Parses the environment (the only place this package reads it) into a config. */
export function loadConfig(env: Env, uid: number): ServicesConfig {
  const port = (name: string) => int(env, name, PORT);
  const kafkaPort = port("GG_KAFKA_PORT") ?? 9092;
  const isRoot = uid === 0;
  // As root the default must live outside any mode-700 home: the postgres user has to reach it.
  const defaultCache = isRoot
    ? "/var/cache/gourmetgram"
    : join(read(env, "XDG_CACHE_HOME") ?? join(homedir(), ".cache"), "gourmetgram");
  const cacheDir = resolve(read(env, "GG_CACHE_DIR") ?? defaultCache);
  return {
    cacheDir,
    dataDir: resolve(read(env, "GG_DATA_DIR") ?? join(cacheDir, "data")),
    logDir: resolve(read(env, "GG_LOG_DIR") ?? join(cacheDir, "logs")),
    host: "127.0.0.1",
    pgPort: port("GG_PG_PORT") ?? 5432,
    kafkaPort,
    kafkaControllerPort: port("GG_KAFKA_CONTROLLER_PORT") ?? kafkaPort + 1,
    kafkaSaslPort: port("GG_KAFKA_SASL_PORT") ?? kafkaPort + 2,
    localstackPort: port("GG_LOCALSTACK_PORT") ?? 4566,
    kafkaJvm: kafkaJvm(read(env, "GG_KAFKA_JVM")),
    isRoot,
  };
}

function kafkaJvm(value: string | undefined): ServicesConfig["kafkaJvm"] {
  if (value === undefined || value === "server" || value === "quick") return value ?? "server";
  throw new Error(`GG_KAFKA_JVM must be "server" or "quick", not ${JSON.stringify(value)}`);
}

/** The SCRAM-SHA-512 user of the local broker's SASL listener (a local test credential). */
export const KAFKA_SASL_USER = { username: "gourmetgram", password: "gourmetgram-local" } as const;

/** The connection settings clients should use for the services this config describes. */
export function connectionEnv(config: ServicesConfig): Record<string, string> {
  const h = config.host;
  return {
    DATABASE_URL: `postgres://postgres:postgres@${h}:${config.pgPort}/gourmetgram`,
    KAFKA_BROKERS: `${h}:${config.kafkaPort}`,
    AWS_ENDPOINT_URL: `http://${h}:${config.localstackPort}`,
    AWS_REGION: "us-east-1",
    AWS_ACCESS_KEY_ID: "test",
    AWS_SECRET_ACCESS_KEY: "test",
  };
}
