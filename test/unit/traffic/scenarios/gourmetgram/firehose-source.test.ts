import { GourmetGramTopics, gourmetgramTopicNames } from "@gg/core/kafka";
import { describe, expect, it } from "vitest";
import { createFirehoseSource } from "../../../../../packages/traffic/src/scenarios/gourmetgram/firehose-source";

const GOURMETGRAM_TOPIC_NAMES = gourmetgramTopicNames();

const SEED = Number(process.env.TEST_SEED ?? 20261123);
const even = { uploads: 1, views: 1, comments: 1, flags: 1 };
const source = (seed: number, label = 0, mix = even) =>
  createFirehoseSource({
    seed,
    label,
    topicNames: GOURMETGRAM_TOPIC_NAMES,
    mix,
    imagePool: 500,
  });

describe(`firehose GourmetGram source (seed ${SEED})`, () => {
  const records = source(SEED).next(20_000, Date.UTC(2026, 1, 22, 19, 39, 37));

  it("writes values valid against the contract's schemas, keyed as the registry keys them", () => {
    for (const r of records) {
      const topic = GourmetGramTopics.get(r.topic);
      expect(topic, r.topic).toBeDefined();
      const text = r.value.toString("utf8");
      const json: unknown = JSON.parse(text);
      const value = topic?.schema.parse(json);
      // Byte-identical to JSON.stringify of the parsed value: the templates keep schema order.
      expect(text).toBe(JSON.stringify(value));
      expect(r.key.toString("utf8")).toBe(topic?.key(value));
    }
  });

  it("only refers to images uploaded earlier in the stream, and starts with an upload", () => {
    const uploaded = new Set<string>();
    const first = JSON.parse(records[0]?.value.toString() ?? "{}") as { event_type: string };
    expect(first.event_type).toBe("upload");
    for (const r of records) {
      const v = JSON.parse(r.value.toString()) as { event_type: string; image_id: string };
      if (v.event_type === "upload") uploaded.add(v.image_id);
      else expect(uploaded.has(v.image_id), `${v.event_type} of an unknown image`).toBe(true);
    }
  });

  it("follows the mix within tolerance and targets some flags at comments", () => {
    const byTopic = new Map<string, number>();
    let onComment = 0;
    for (const r of records) {
      byTopic.set(r.topic, (byTopic.get(r.topic) ?? 0) + 1);
      if (r.value.includes('"comment_id":"') && r.topic === GOURMETGRAM_TOPIC_NAMES.flags)
        onComment++;
    }
    for (const name of Object.values(GOURMETGRAM_TOPIC_NAMES)) {
      expect((byTopic.get(name) ?? 0) / records.length).toBeCloseTo(0.25, 1);
    }
    const flags = byTopic.get(GOURMETGRAM_TOPIC_NAMES.flags) ?? 1;
    expect(onComment / flags).toBeGreaterThan(0.1);
    expect(onComment / flags).toBeLessThan(0.3);
  });

  it("replays with the same seed and label, and differs across labels", () => {
    const again = source(SEED).next(200, Date.UTC(2026, 1, 22, 19, 39, 37));
    const other = source(SEED, 1).next(200, Date.UTC(2026, 1, 22, 19, 39, 37));
    expect(again.map((r) => r.value.toString())).toEqual(
      records.slice(0, 200).map((r) => r.value.toString()),
    );
    expect(other[0]?.value.toString()).not.toBe(records[0]?.value.toString());
  });

  it("honours a views-only mix after the first upload", () => {
    const r = source(SEED, 0, { uploads: 0, views: 1, comments: 0, flags: 0 }).next(100, 0);
    expect(r.slice(1).every((x) => x.topic === GOURMETGRAM_TOPIC_NAMES.views)).toBe(true);
  });
});
