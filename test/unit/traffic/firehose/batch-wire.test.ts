import { describe, expect, it } from "vitest";
import { packBatch, unpackBatch } from "../../../../packages/traffic/src/firehose/batch-wire";

const rec = (topic: string, key: string, value: string) => ({
  topic,
  key: Buffer.from(key),
  value: Buffer.from(value),
});

describe("batch wire format", () => {
  it("round-trips records of several topics, empty keys and values included, in order", () => {
    const records = [
      rec("interactions", "k1", '{"a":1}'),
      rec("users", "", "v"),
      rec("interactions", "k3", ""),
      rec("sessions", "ключ", "ü".repeat(3_000)),
    ];
    const batch = packBatch(records);
    expect(batch.topics).toEqual(["interactions", "users", "sessions"]);
    // A fresh buffer of its own (transferable), sized exactly.
    const payload = records.reduce((s, r) => s + r.key.length + r.value.length, 0);
    expect(batch.data.byteLength).toBe(payload + 10 * records.length);
    const back = unpackBatch(batch);
    expect(back.map((r) => [r.topic, r.key.toString(), r.value.toString()])).toEqual(
      records.map((r) => [r.topic, r.key.toString(), r.value.toString()]),
    );
  });

  it("survives a transfer to another thread's copy of the bytes", () => {
    const batch = packBatch([rec("t", "key", "value")]);
    const copy = structuredClone(batch, { transfer: [batch.data] });
    expect(batch.data.byteLength).toBe(0); // detached: the bytes moved, not copied
    expect(unpackBatch(copy)[0]?.value.toString()).toBe("value");
  });

  it("refuses a truncated batch instead of reading past its end", () => {
    const batch = packBatch([rec("t", "key", "value"), rec("t", "k2", "v2")]);
    const cut = { ...batch, data: batch.data.slice(0, batch.data.byteLength - 3) };
    expect(() => unpackBatch(cut)).toThrow(/corrupt firehose batch at record 1/);
  });
});
