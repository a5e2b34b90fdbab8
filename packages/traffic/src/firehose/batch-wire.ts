import type { BulkRecord } from "@gg/core/kafka-bulk";

// A batch of records as one transferable ArrayBuffer, so a worker lane can hand what it generated
// to the thread that runs the (one) Kafka client without a structured clone of 5,000 objects.
// Layout per record: u16 topic index, u32 key length, u32 value length, key bytes, value bytes.

/** A packed batch: its bytes and the topic names its indexes refer to. */
export interface WireBatch {
  data: ArrayBuffer;
  topics: string[];
  count: number;
}

const HEADER = 10;

/** Copies `records` into one fresh (unpooled, hence transferable) ArrayBuffer. */
export function packBatch(records: readonly BulkRecord[]): WireBatch {
  const topics: string[] = [];
  const index = new Map<string, number>();
  let size = 0;
  for (const r of records) {
    size += HEADER + r.key.length + r.value.length;
    if (!index.has(r.topic)) {
      index.set(r.topic, topics.length);
      topics.push(r.topic);
    }
  }
  const out = Buffer.allocUnsafeSlow(size);
  let at = 0;
  for (const r of records) {
    out.writeUInt16LE(index.get(r.topic) ?? 0, at);
    out.writeUInt32LE(r.key.length, at + 2);
    out.writeUInt32LE(r.value.length, at + 6);
    at += HEADER;
    at += r.key.copy(out, at);
    at += r.value.copy(out, at);
  }
  return { data: out.buffer as ArrayBuffer, topics, count: records.length };
}

/** The records of a packed batch, as views into its buffer (no copy). */
export function unpackBatch(batch: WireBatch): BulkRecord[] {
  const all = Buffer.from(batch.data);
  const records: BulkRecord[] = new Array(batch.count);
  let at = 0;
  for (let i = 0; i < batch.count; i++) {
    const topic = batch.topics[all.readUInt16LE(at)];
    const keyLength = all.readUInt32LE(at + 2);
    const valueLength = all.readUInt32LE(at + 6);
    at += HEADER;
    if (topic === undefined || at + keyLength + valueLength > all.length) {
      throw new Error(`corrupt firehose batch at record ${i}`);
    }
    const key = all.subarray(at, at + keyLength);
    at += keyLength;
    records[i] = { topic, key, value: all.subarray(at, at + valueLength) };
    at += valueLength;
  }
  return records;
}
