import {
  type MinutePlan,
  type PlannedEvent,
  planCursor,
  planMinute,
  summarisePlan,
} from "@gg/traffic/gourmetgram/plan";
import { FLAG_REASONS } from "@gg/traffic/gourmetgram/text";
import { describe, expect, it } from "vitest";
import { config, DATASET, makeState, minuteAt } from "./fixtures";
import { correlation } from "./stats";

const SEED = Number(process.env.TEST_SEED ?? 20261123);
const STATE = makeState(SEED, 200, 300);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

const plan = (
  i: number,
  cfg = config({ rate: { base: "10/s" } }),
  state = STATE,
  seed: number = SEED,
) => planMinute({ seed, minute: minuteAt(i), config: cfg, state, dataset: DATASET });

const planned = (p: MinutePlan) => p.events.filter((e) => e.status === "planned");

describe(`planMinute (seed ${SEED})`, () => {
  it("is a pure function: same seed, minute, config and state give a deep-equal plan", () => {
    const a = plan(7);
    const b = planMinute({
      seed: String(SEED),
      minute: new Date(minuteAt(7).getTime() + 41_999), // any instant of the minute
      config: config({ rate: { base: "10/s" } }),
      state: structuredClone(STATE),
      dataset: structuredClone(DATASET),
    });
    expect(b).toEqual(a);
    expect(a.events.length).toBeGreaterThan(400);
    expect(a.minute).toBe("2026-11-23T00:07:00.000Z");
  });

  it("orders events in time within [0, 60 s) and gives each a unique uuid key", () => {
    const p = plan(3);
    const keys = new Set(p.events.map((e) => e.idempotencyKey));
    expect(keys.size).toBe(p.events.length);
    p.events.forEach((e, i) => {
      expect(e.index).toBe(i);
      expect(e.idempotencyKey).toMatch(UUID);
      expect(e.offsetMs).toBeGreaterThanOrEqual(
        i === 0 ? 0 : (p.events[i - 1]?.offsetMs as number),
      );
      expect(e.offsetMs).toBeLessThan(60_000);
      expect(e.atMs).toBe(p.minuteMs + e.offsetMs);
    });
  });

  it("different minutes and seeds draw independent streams: disjoint keys, uncorrelated counts", () => {
    const a = plan(0);
    const keysA = new Set(a.events.map((e) => e.idempotencyKey));
    expect(plan(1).events.some((e) => keysA.has(e.idempotencyKey))).toBe(false);
    expect(
      plan(0, undefined, STATE, SEED + 1).events.some((e) => keysA.has(e.idempotencyKey)),
    ).toBe(false);
    const cfg = config({ rate: { base: "3000/h" }, mix: { view: 1 } });
    const empty = { users: [], images: [] };
    const counts = Array.from({ length: 2_001 }, (_, i) => plan(i, cfg, empty).events.length);
    const r = correlation(counts.slice(0, -1), counts.slice(1));
    // Under independence r ~ N(0, 1/n).
    expect(Math.abs(r), `lag-1 correlation ${r}`).toBeLessThan(4.5 / Math.sqrt(2_000));
  });

  it("keeps every index's kind and key when re-planned with newer state (a replay writes nothing twice)", () => {
    const first = plan(11);
    const later = makeState(SEED + 99, 350, 900); // other users and images, with engagement
    const replay = plan(11, undefined, {
      users: later.users,
      images: later.images.map((i, n) => ({ ...i, views: n % 7, comments: n % 3, flags: n % 2 })),
    });
    expect(replay.events.map((e) => [e.idempotencyKey, e.kind, e.offsetMs])).toEqual(
      first.events.map((e) => [e.idempotencyKey, e.kind, e.offsetMs]),
    );
    // Created-at filtering: rows from the minute itself (an earlier run's output) are ignored.
    const withNew = {
      users: [...STATE.users, { id: "new-user", createdAt: minuteAt(11).toISOString() }],
      images: [
        ...STATE.images,
        {
          id: "new-image",
          userId: "new-user",
          views: 99,
          comments: 0,
          flags: 0,
          createdAt: minuteAt(11).toISOString(),
        },
      ],
    };
    expect(plan(11, undefined, withNew)).toEqual(first);
  });

  it("fills payloads as the API expects them", () => {
    const p = plan(5, config({ rate: { base: "20/s" } }));
    const userIds = new Set(STATE.users.map((u) => u.id));
    const imageIds = new Set(STATE.images.map((i) => i.id));
    const seen = new Set<string>();
    for (const e of planned(p)) {
      seen.add(e.kind);
      if (e.kind === "user") {
        expect(e.payload.username).toMatch(/^\S+_\d+$/);
        expect(e.session).toBeNull();
        continue;
      }
      expect(userIds.has(e.payload.userId)).toBe(true);
      expect(e.session?.segment).toBeDefined();
      if (e.kind === "upload") {
        expect(e.payload.image.category).toBe(e.payload.category);
        expect(
          DATASET.entries.some(
            (d) => d.path === e.payload.image.path && d.category === e.payload.category,
          ),
        ).toBe(true);
        expect(e.payload.caption).toMatch(/ - [A-Z].*\.$/);
      } else {
        expect(imageIds.has(e.payload.imageId)).toBe(true);
        if (e.kind === "comment") expect(e.payload.content.length).toBeGreaterThan(10);
        if (e.kind === "flag") expect(FLAG_REASONS).toContain(e.payload.reason);
      }
    }
    expect([...seen].sort()).toEqual(["comment", "flag", "upload", "user", "view"]);
  });

  it("records what it cannot do as skipped, like the original's silent skips", () => {
    const cfg = config({ rate: { base: "10/s" } });
    const none = planMinute({
      seed: SEED,
      minute: minuteAt(2),
      config: cfg,
      state: { users: [], images: [] },
      dataset: null,
    });
    const s = summarisePlan(none);
    expect(s.planned).toEqual({ view: 0, comment: 0, upload: 0, user: s.planned.user, flag: 0 });
    expect(s.planned.user).toBeGreaterThan(0);
    expect(s.skipped["no-image"]).toBeGreaterThan(0);
    expect(s.skipped["no-dataset"]).toBeGreaterThan(0);
    const usersOnly = planMinute({
      seed: SEED,
      minute: minuteAt(2),
      config: cfg,
      state: { users: STATE.users, images: [] },
      dataset: DATASET,
    });
    const u = summarisePlan(usersOnly);
    expect(u.planned.upload).toBeGreaterThan(0);
    expect(u.skipped["no-image"]).toBe(s.skipped["no-image"]);
    expect(u.total).toBe(s.total); // the same draw, only resolved differently
  });

  it("plans nothing at rate 0 and reports λ·60", () => {
    expect(plan(0, config({ rate: { base: 0 } })).events).toEqual([]);
    expect(plan(0, config({ rate: { base: 150 } })).expected).toBeCloseTo(2.5, 12);
  });

  it("groups actions into sessions whose events share a user, with geometric lengths", () => {
    const cfg = config({ rate: { base: "20/s" }, mix: "realistic" });
    const sizes = new Map<string, { user: string; n: number }>();
    for (let m = 0; m < 20; m++) {
      for (const e of planned(plan(m, cfg))) {
        if (!e.session || e.kind === "user") continue;
        const s = sizes.get(e.session.id);
        if (s) {
          expect(e.payload.userId).toBe(s.user);
          s.n++;
        } else sizes.set(e.session.id, { user: e.payload.userId, n: 1 });
      }
    }
    const mean = [...sizes.values()].reduce((a, s) => a + s.n, 0) / sizes.size;
    // continueProbability 0.6 ⇒ mean 2.5 (slightly less: sessions are cut at the minute's end).
    expect(mean).toBeGreaterThan(2.3);
    expect(mean).toBeLessThan(2.6);
    const off = config({ rate: { base: "20/s" }, sessions: { continueProbability: 0 } });
    const singles = planned(plan(0, off)).filter((e) => e.session);
    expect(new Set(singles.map((e) => e.session?.id)).size).toBe(singles.length);
  });
});

describe(`viral mode (seed ${SEED})`, () => {
  const viral = (extra: object = {}) =>
    config({ mode: "simulate_viral", viral: extra, rate: { base: "10/s" } });
  const byKind = (events: readonly PlannedEvent[]) =>
    summarisePlan({ events } as MinutePlan).planned;

  it("plans exactly N views, M comments and K flags on one image, spread over the minute", () => {
    const p = plan(4, viral());
    expect(p.events).toHaveLength(120);
    expect(byKind(p.events)).toEqual({ view: 110, comment: 8, upload: 0, user: 0, flag: 2 });
    const targets = new Set(
      planned(p).map((e) => (e.kind === "user" || e.kind === "upload" ? "" : e.payload.imageId)),
    );
    expect(targets.size).toBe(1);
    expect(p.events[0]?.offsetMs).toBeLessThan(3_000);
    expect(p.events.at(-1)?.offsetMs).toBeGreaterThan(57_000);
    // Many distinct viewers, not one session.
    expect(
      new Set(planned(p).map((e) => (e.kind === "view" ? e.payload.userId : ""))).size,
    ).toBeGreaterThan(50);
  });

  it("honours the target id and counts, and adds background traffic on request", () => {
    const target = STATE.images[17]?.id as string;
    const p = plan(
      4,
      viral({ targetImageId: target, views: 5, comments: 3, flags: 1, background: true }),
    );
    const onTarget = planned(p).filter(
      (e) => e.kind !== "user" && e.kind !== "upload" && e.payload.imageId === target,
    );
    expect(onTarget.length).toBeGreaterThanOrEqual(9);
    expect(p.events.length).toBeGreaterThan(400); // 9 + a 10/s background (λ·60 = 600)
    const noImages = planMinute({
      seed: SEED,
      minute: minuteAt(4),
      config: viral(),
      state: { users: STATE.users, images: [] },
      dataset: null,
    });
    expect(summarisePlan(noImages).skipped["no-image"]).toBe(120);
  });
});

describe(`planCursor: the plan drawn in time order (seed ${SEED})`, () => {
  it("yields exactly planMinute's events, in order, after announcing their count", () => {
    for (const cfg of [
      config({ rate: { base: "10/s" }, mix: "realistic" }),
      config({
        mode: "simulate_viral",
        viral: { views: 30, comments: 5, flags: 2, background: true },
      }),
    ]) {
      const whole = planMinute({
        seed: SEED,
        minute: minuteAt(3),
        config: cfg,
        state: STATE,
        dataset: DATASET,
      });
      const cursor = planCursor({
        seed: SEED,
        minute: minuteAt(3),
        config: cfg,
        state: STATE,
        dataset: DATASET,
      });
      expect(cursor.count).toBe(whole.events.length);
      const drawn: PlannedEvent[] = [];
      for (let e = cursor.next(); e !== undefined; e = cursor.next()) drawn.push(e);
      expect(drawn).toEqual(whole.events);
      expect(cursor.expected).toBe(whole.expected);
    }
  });

  it("has the first event of a 10,000 events/s minute long before the whole minute is planned", () => {
    const cfg = config({ rate: { base: "10000/s" }, mix: { view: 1 } });
    const input = {
      seed: SEED,
      minute: minuteAt(5),
      config: cfg,
      state: { users: [], images: [] },
      dataset: null,
    };
    const t0 = performance.now();
    const cursor = planCursor(input);
    const first = cursor.next();
    const firstMs = performance.now() - t0;
    expect(first?.index).toBe(0);
    expect(cursor.count).toBeGreaterThan(590_000);
    const t1 = performance.now();
    const whole = planMinute(input);
    const wholeMs = performance.now() - t1;
    expect(whole.events[0]).toEqual(first);
    // O(1) against O(N): a generous factor, since the machine may be busy.
    expect(firstMs * 20, `first ${firstMs} ms, whole ${wholeMs} ms`).toBeLessThan(wholeMs);
  });
});
