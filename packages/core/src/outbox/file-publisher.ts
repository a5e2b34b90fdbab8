import { appendFile, mkdir } from "node:fs/promises";
import { join } from "node:path";
import type { Publisher } from "./publisher";

/**
 * The embedded default's "Kafka": one JSON line per event appended to `<dir>/<topic>.jsonl`.
 * Events still go through the outbox first, so switching to a real broker later loses nothing.
 */
export function filePublisher(dir: string): Publisher {
  let ready: Promise<unknown> | undefined;
  return {
    name: "jsonl",
    async publish(messages) {
      ready ??= mkdir(dir, { recursive: true });
      await ready;
      const byTopic = new Map<string, string>();
      for (const m of messages) byTopic.set(m.topic, `${byTopic.get(m.topic) ?? ""}${m.value}\n`);
      for (const [topic, lines] of byTopic) await appendFile(join(dir, `${topic}.jsonl`), lines);
      return { acked: messages.map((m) => m.id) };
    },
  };
}
