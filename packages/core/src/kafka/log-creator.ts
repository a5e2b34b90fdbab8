import kafkajs, { type LogEntry, type logCreator } from "kafkajs";

const { logLevel } = kafkajs;

export type KafkaLogLevel = "error" | "warn" | "info" | "debug";

/** One kafkajs log line, reduced to what a structured logger needs. */
export interface KafkaLogRecord {
  level: KafkaLogLevel;
  namespace: string;
  message: string;
  extra: Record<string, unknown>;
}

export type KafkaLogSink = (record: KafkaLogRecord) => void;

const names: Record<number, KafkaLogLevel> = {
  [logLevel.ERROR]: "error",
  [logLevel.WARN]: "warn",
  [logLevel.INFO]: "info",
  [logLevel.DEBUG]: "debug",
};

export const kafkajsLevel: Record<KafkaLogLevel | "nothing", number> = {
  nothing: logLevel.NOTHING,
  error: logLevel.ERROR,
  warn: logLevel.WARN,
  info: logLevel.INFO,
  debug: logLevel.DEBUG,
};

// Expected consequences of our own choices, not problems worth a line in the logs:
// we bound the idempotent producer's retries on purpose (see producer.ts), and we always pass
// the default partitioner explicitly.
const expected = [/Limiting retries for the idempotent producer/, /default partitioner/i];

/** Writes one JSON line to stderr: the default sink when the caller gives none. */
export const stderrSink: KafkaLogSink = (r) => {
  process.stderr.write(`${JSON.stringify({ source: "kafkajs", ...r })}\n`);
};

/** A kafkajs logCreator that forwards to `sink`, dropping known noise. */
export function createLogCreator(sink: KafkaLogSink): logCreator {
  return () =>
    ({ namespace, level, log }: LogEntry) => {
      const { message, timestamp: _t, logger: _l, ...extra } = log;
      if (expected.some((re) => re.test(message))) return;
      sink({ level: names[level] ?? "info", namespace, message, extra });
    };
}
