import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { EmulateConfig } from "./config";

/** What an `up` left behind, for the next `up` (same names, same ports) and for `down`. */
export interface EmulateState {
  stage: string;
  /** Physical names by resource type and Pulumi name (see plan.ts `stabilise`). */
  names: Record<string, string>;
  /** Loopback port of each Function URL, by the URL's Pulumi name (`ApiUrl`). */
  ports: Record<string, number>;
  /** Function URL (LocalStack's, host-routed) by Pulumi name. */
  functionUrls: Record<string, string>;
  functions: string[];
  rules: string[];
  /** SQS queues by name (older state files have none). */
  queues?: string[];
  bucket: string | undefined;
  /** The triggers each deploy-time invocation last ran with. */
  invoked: Record<string, string>;
}

const dir = (c: EmulateConfig) => join(c.services.dataDir, "emulate");
const stateFile = (c: EmulateConfig) => join(dir(c), `${c.stage}.json`);
export const forwarderPidFile = (c: EmulateConfig) => join(dir(c), `${c.stage}.forwarder.pid`);
export const forwarderLog = (c: EmulateConfig) => join(c.services.logDir, `emulate-${c.stage}.log`);

export async function readState(c: EmulateConfig): Promise<EmulateState | undefined> {
  const text = await readFile(stateFile(c), "utf8").catch(() => undefined);
  return text ? (JSON.parse(text) as EmulateState) : undefined;
}

export async function writeState(c: EmulateConfig, state: EmulateState): Promise<void> {
  await mkdir(dir(c), { recursive: true });
  await writeFile(stateFile(c), `${JSON.stringify(state, null, 2)}\n`);
}

export const removeState = (c: EmulateConfig) => rm(stateFile(c), { force: true });
