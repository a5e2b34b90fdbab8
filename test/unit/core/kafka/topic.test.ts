import {
  chunkByBytes,
  createTopicRegistry,
  defineTopic,
  encode,
  UploadEvent,
  ViewEvent,
} from "@gg/core/kafka";
import { describe, expect, it } from "vitest";

// Schemas are borrowed from the contract topics: the test tree does not depend on zod itself.
const Thing = ViewEvent.pick({ image_id: true, viewed_at: true });
const things = defineTopic({ name: "test.things", schema: Thing, key: (t) => t.image_id });
const id = "0b6f3c52-1f0e-4c8a-9d1b-2a7c5e4f6a10";
const at = "2026-02-22T19:39:37.123456+00:00";

describe("topic registry", () => {
  it("validates, keys and serialises the parsed value (unknown fields stripped)", () => {
    const m = encode(things, { image_id: id, viewed_at: at, extra: true } as never);
    expect(m).toEqual({ key: id, value: JSON.stringify({ image_id: id, viewed_at: at }) });
  });

  it("rejects an invalid value with INVALID_INPUT naming topic and field", () => {
    expect(() => encode(things, { image_id: "nope", viewed_at: at })).toThrow(
      /test\.things: image_id:/,
    );
  });

  it("refuses an empty key and a schema that yields a non-object", () => {
    const emptyKey = defineTopic({ name: "t.k", schema: Thing, key: () => "" });
    expect(() => encode(emptyKey, { image_id: id, viewed_at: at })).toThrow(/empty key/);
    const scalar = defineTopic({ name: "t.s", schema: ViewEvent.shape.event_type, key: (s) => s });
    expect(() => encode(scalar, "view")).toThrow(/non-object/);
    const nullable = defineTopic({
      name: "t.n",
      schema: UploadEvent.shape.caption,
      key: () => "k",
    });
    expect(() => encode(nullable, null)).toThrow(/non-object/);
  });

  it("refuses invalid names and duplicate registrations", () => {
    expect(() =>
      defineTopic({ name: "bad name", schema: Thing, key: (t) => t.image_id }),
    ).toThrow();
    expect(() => createTopicRegistry([things, things])).toThrow(/declared twice/);
  });
});

describe("chunkByBytes", () => {
  it("keeps order, respects the bound, and never returns an empty chunk", () => {
    const ms = Array.from({ length: 10 }, (_, i) => ({ key: "k", value: "x".repeat(99) + i }));
    const chunks = chunkByBytes(ms, 350);
    expect(chunks.flat()).toEqual(ms);
    expect(chunks.map((c) => c.length)).toEqual([3, 3, 3, 1]);
    // A single message over the bound still goes out alone rather than being dropped.
    expect(chunkByBytes([{ key: "k", value: "x".repeat(1000) }], 10)).toHaveLength(1);
    expect(chunkByBytes([], 10)).toEqual([]);
  });
});
