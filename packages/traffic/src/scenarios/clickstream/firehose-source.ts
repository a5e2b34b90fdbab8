import { CLICKSTREAM_KINDS, type ClickstreamKind } from "@gg/core/kafka";
import type { RecordSource } from "../../firehose/source";
import {
  applyClickstreamSettings,
  type ClickstreamSettings,
  createClickstream,
  encodeRecord,
} from "./model/index";

export interface ClickstreamSourceOptions {
  seed: string | number;
  /** Distinguishes parallel lanes over the same world: same seed and label, same records. */
  label: number;
  topicNames: Record<ClickstreamKind, string>;
  /** Kinds to emit (default all four). */
  kinds?: readonly ClickstreamKind[];
  startMs: number;
  /** The scenario's settings (checked by the options schema); none: the seed's numbers. */
  settings?: ClickstreamSettings;
}

/**
 * The clickstream scenario's records (users and products before the events that name them,
 * sessions after their interactions), keyed by entity id, serialised by the scenario itself.
 */
export function createFirehoseSource(options: ClickstreamSourceOptions): RecordSource {
  const kinds = options.kinds ?? CLICKSTREAM_KINDS;
  const stream = createClickstream({
    seed: options.seed,
    label: options.label,
    now: new Date(options.startMs),
    topics: kinds,
    config: options.settings ? applyClickstreamSettings(options.settings) : undefined,
  });
  const names = options.topicNames;
  return {
    topics: [...new Set(kinds.map((k) => names[k]))],
    next(n, nowMs) {
      const records = stream.nextBatch(n, new Date(nowMs));
      const out = new Array(n);
      for (let i = 0; i < n; i++) {
        const record = records[i] as (typeof records)[number];
        const { key, value } = encodeRecord(record);
        out[i] = { topic: names[record.topic], key: Buffer.from(key), value: Buffer.from(value) };
      }
      return out;
    },
  };
}
