import type { MinuteRecord } from "./record";

/** The minute as one JSON log line (CloudWatch and terminals read it alike). */
export function logLine(record: MinuteRecord): void {
  console.log(JSON.stringify({ level: "info", message: "generator minute", ...record }));
}
