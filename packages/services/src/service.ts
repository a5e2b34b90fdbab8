import type { ServicesConfig } from "./config";
import type { Log } from "./log";

export const ServiceNames = ["postgres", "kafka", "localstack"] as const;
export type ServiceName = (typeof ServiceNames)[number];

/** One local service: how to install, start, probe and stop it. */
export interface Service {
  name: ServiceName;
  /** Human name used in messages, e.g. "PostgreSQL". */
  title: string;
  port(config: ServicesConfig): number;
  /** The environment variable that moves its port, for error messages. */
  portEnv: string;
  logFile(config: ServicesConfig): string;
  /** The version string if this service answers on its port right now, else undefined. */
  probe(config: ServicesConfig): Promise<string | undefined>;
  /** The pid of the server this tool started, if it is still alive. */
  ownPid(config: ServicesConfig): Promise<number | undefined>;
  /** Downloads and installs into the cache; guarded by marker files, so warm runs are no-ops. */
  install(config: ServicesConfig, log: Log): Promise<void>;
  /** Starts the server detached; returns once it has been launched (not yet ready). */
  start(config: ServicesConfig, log: Log): Promise<void>;
  /** How long a fresh start may take to become ready. */
  readyTimeoutMs: number;
  /** Stops the server this tool started; returns false when there was none. */
  stop(config: ServicesConfig, log: Log): Promise<boolean>;
  /** Work to do once the service answers, ours or not (Postgres: database and migrations). */
  prepare?(config: ServicesConfig, log: Log): Promise<void>;
}
