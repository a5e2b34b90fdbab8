// A broker of a test file's own, started by the project's services tool on free ports with its
// own data and log folders (the jars come from the shared cache). A test that stops its broker
// then stops nobody else's: it can run beside the other files instead of alone at the end.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./local-start";
import { services } from "./services";

export interface PrivateKafka {
  brokers: string[];
  /** `pnpm services down kafka` on this broker only. */
  down(): Promise<void>;
  /** `pnpm services up kafka` on this broker only (same ports, same log dirs: topics survive). */
  up(): Promise<void>;
  /** Stops the broker and deletes its folders. */
  close(): Promise<void>;
}

export async function privateKafka(): Promise<PrivateKafka> {
  const dir = await mkdtemp(join(tmpdir(), "gg-kafka-"));
  const port = await freePort();
  const env = {
    GG_KAFKA_PORT: String(port),
    GG_KAFKA_CONTROLLER_PORT: String(await freePort()),
    GG_DATA_DIR: join(dir, "data"),
    GG_LOG_DIR: join(dir, "logs"),
    // Up for a test file's minute or two: started on less CPU beside the suite.
    GG_KAFKA_JVM: "quick",
  };
  const up = async () => {
    await services("up", "kafka", env);
  };
  const down = async () => {
    await services("down", "kafka", env);
  };
  await up();
  return {
    brokers: [`127.0.0.1:${port}`],
    up,
    down,
    async close() {
      await down().catch(() => {});
      await rm(dir, { recursive: true, force: true });
    },
  };
}
