import {
  Comments,
  encode,
  Flags,
  GourmetGramTopics,
  toEventTimestamp,
  Uploads,
  Views,
} from "@gg/core/kafka";
import { createRandom } from "@gg/core/random";
import { describe, expect, it } from "vitest";

const SEED = Number(process.env.TEST_SEED ?? 20261124);
const r = createRandom(SEED, "kafka-topics");
const at = "2026-02-22T19:39:37.123456+00:00";

const upload = () => ({
  event_type: "upload" as const,
  event_id: r.uuid(),
  image_id: r.uuid(),
  user_id: r.uuid(),
  category: "Noodles/Pasta" as const,
  caption: "Trying out spicy egg - nice.",
  created_at: at,
  s3_url: "s3://gourmetgram-images/x.jpg",
});

describe(`GourmetGram topics (seed ${SEED})`, () => {
  it("registers the four contract topics by name", () => {
    expect(GourmetGramTopics.names()).toEqual([
      "gourmetgram.uploads",
      "gourmetgram.views",
      "gourmetgram.comments",
      "gourmetgram.flags",
    ]);
    expect(GourmetGramTopics.get("gourmetgram.views")).toBe(Views);
  });

  it("keys uploads, views and comments by image_id and serialises the JSON object", () => {
    const u = upload();
    const m = encode(Uploads, u);
    expect(m.key).toBe(u.image_id);
    expect(JSON.parse(m.value)).toEqual(u);
    const v = {
      event_type: "view" as const,
      event_id: r.uuid(),
      image_id: r.uuid(),
      viewed_at: at,
    };
    expect(encode(Views, v).key).toBe(v.image_id);
    const c = {
      event_type: "comment" as const,
      event_id: r.uuid(),
      comment_id: r.uuid(),
      image_id: r.uuid(),
      user_id: r.uuid(),
      content: "Wow",
      created_at: at,
    };
    expect(encode(Comments, c).key).toBe(c.image_id);
  });

  it("keys a comment flag (no image) by its comment, and refuses a flag with no target", () => {
    const f = {
      event_type: "flag" as const,
      event_id: r.uuid(),
      flag_id: r.uuid(),
      user_id: r.uuid(),
      image_id: null,
      comment_id: r.uuid(),
      reason: "spam in comment",
      created_at: at,
    };
    expect(encode(Flags, f).key).toBe(f.comment_id);
    expect(() => encode(Flags, { ...f, comment_id: null })).toThrow(/image or a comment/);
  });

  it.each([
    ["a Z timestamp", { created_at: "2026-02-22T19:39:37.123Z" }],
    ["a negative offset", { created_at: "2026-02-22T14:39:37.123456-05:00" }],
    ["millisecond precision", { created_at: "2026-02-22T19:39:37.123+00:00" }],
    ["a null category", { category: null }],
    ["a non-Food-11 category", { category: "bread" }],
    ["the wrong event_type", { event_type: "view" }],
    ["a malformed uuid", { image_id: "not-a-uuid" }],
  ])("refuses %s before anything is sent", (_, patch) => {
    expect(() => encode(Uploads, { ...upload(), ...patch } as never)).toThrow(
      expect.objectContaining({ code: "INVALID_INPUT" }),
    );
  });

  it("formats Dates as +00:00 with microseconds", () => {
    expect(toEventTimestamp(new Date(Date.UTC(2026, 1, 22, 19, 39, 37, 123)))).toBe(
      "2026-02-22T19:39:37.123000+00:00",
    );
  });
});
