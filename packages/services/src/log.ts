import { performance } from "node:perf_hooks";

/** Prints one progress line for a service. */
export type Log = (line: string) => void;

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

/** A logger that prefixes the time since the tool started and the service name. */
export function logger(service: string, write: (s: string) => void = console.log): Log {
  return (line) =>
    write(`[${seconds(performance.now()).padStart(6)}] ${service.padEnd(10)} ${line}`);
}

/** Runs a step, logging its start and how long it took. */
export async function timed<T>(log: Log, label: string, step: () => Promise<T>): Promise<T> {
  const started = performance.now();
  log(`${label}...`);
  const result = await step();
  log(`${label}: done in ${seconds(performance.now() - started)}`);
  return result;
}
