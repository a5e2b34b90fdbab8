import { ClickstreamSession, Interaction } from "@gg/core/kafka";
import type { SessionWithInteractions } from "@gg/traffic/clickstream/model";
import { describe, expect, it } from "vitest";
import { isCents, micros, NOW, SEED, sessionsOf, smallWorld } from "./fixtures";

const world = smallWorld();

/**
 * The invariants every generated session keeps, whatever its time frame, as a list of
 * violations (one assertion per test keeps the suite fast and its failures readable).
 */
function problemsOf({ session, interactions }: SessionWithInteractions): string[] {
  const out: string[] = [];
  const bad = (ok: boolean, what: string) => {
    if (!ok) out.push(`${session.session_id}: ${what}`);
  };
  bad(interactions.length === session.interaction_count, "interaction_count");
  bad(interactions.length > 0, "no interactions");
  bad(micros(interactions[0]?.timestamp ?? "") === micros(session.start_time), "start_time");
  let last = micros(session.start_time);
  let cents = 0;
  const viewed: string[] = [];
  const bought: string[] = [];
  const cart = new Map<string, number>();
  for (const [k, i] of interactions.entries()) {
    bad(i.user_id === session.user_id, `event ${k} of another user`);
    bad(i.session_id === session.session_id, `event ${k} of another session`);
    bad(k === 0 || micros(i.timestamp) > last, `event ${k} not after the previous one`);
    last = micros(i.timestamp);
    bad(i.device_type === session.device_type, `event ${k} device`);
    bad((i.duration_seconds !== null) === (i.interaction_type === "view"), `event ${k} duration`);
    bad((i.revenue !== null) === (i.interaction_type === "purchase"), `event ${k} revenue`);
    if (i.interaction_type === "view" && !viewed.includes(i.product_id)) viewed.push(i.product_id);
    if (i.interaction_type === "add_to_cart") cart.set(i.product_id, 1);
    if (i.interaction_type === "purchase") {
      // The funnel: a purchase takes a product put in the cart earlier in this session.
      bad(cart.delete(i.product_id), `event ${k}: purchase without add_to_cart`);
      bad(isCents(i.revenue ?? -1), `event ${k} revenue ${i.revenue}`);
      cents += Math.round((i.revenue ?? 0) * 100);
      if (!bought.includes(i.product_id)) bought.push(i.product_id);
    }
  }
  bad(micros(session.end_time) >= last, "end_time before the last event");
  bad(isCents(session.total_revenue), `total_revenue ${session.total_revenue}`);
  bad(Math.round(session.total_revenue * 100) === cents, "total_revenue != sum of purchases");
  bad(JSON.stringify(session.products_viewed) === JSON.stringify(viewed), "products_viewed");
  bad(JSON.stringify(session.products_purchased) === JSON.stringify(bought), "products_purchased");
  return out;
}

/** Every timestamp of a session, in microseconds. */
const timesOf = ({ session, interactions }: SessionWithInteractions): number[] =>
  [session.start_time, session.end_time, ...interactions.map((i) => i.timestamp)].map(micros);

describe(`clickstream sessions (seed ${SEED})`, () => {
  it("acceptance (issue 6): each session has one user and ordered timestamps, none in the future; totals agree", () => {
    const sessions = sessionsOf(world, 3_000);
    const nowMicros = NOW.getTime() * 1000;
    expect(sessions.flatMap(problemsOf)).toEqual([]);
    expect(sessions.filter((s) => Math.max(...timesOf(s)) > nowMicros)).toEqual([]);
    // "In the present": sessions end within seconds of now, not spread over past days.
    const lags = sessions.map((s) => nowMicros - micros(s.session.end_time)).sort((a, b) => a - b);
    expect(lags[Math.floor(lags.length * 0.99)]).toBeLessThan(10_000_000);
    expect(sessions.some((s) => s.session.total_revenue > 0)).toBe(true);
    expect(new Set(sessions.map((s) => s.session.session_id)).size).toBe(sessions.length);
  });

  it("backfill: every timestamp inside the window, sessions spread over it", () => {
    const start = new Date("2026-01-01T00:00:00Z");
    const end = new Date("2026-01-01T06:00:00Z");
    const sessions = sessionsOf(world, 3_000, { window: { start, end } }, "backfill");
    const [lo, hi] = [start.getTime() * 1000, end.getTime() * 1000];
    expect(sessions.flatMap(problemsOf)).toEqual([]);
    expect(sessions.filter((s) => timesOf(s).some((t) => t < lo || t > hi))).toEqual([]);
    const hours = new Set(
      sessions.map((s) => new Date(micros(s.session.start_time) / 1000).getUTCHours()),
    );
    expect(hours.size).toBe(6);
  });

  it("backfill shorter than a session: events are cut at the window's end, totals still agree", () => {
    const start = new Date("2026-01-01T00:00:00Z");
    const end = new Date("2026-01-01T00:00:30Z");
    const sessions = sessionsOf(world, 500, { window: { start, end } }, "short");
    expect(sessions.flatMap(problemsOf)).toEqual([]);
    const [lo, hi] = [start.getTime() * 1000, end.getTime() * 1000];
    expect(sessions.filter((s) => timesOf(s).some((t) => t < lo || t > hi))).toEqual([]);
    // Some sessions really were cut (else this test checks nothing the previous one did not).
    expect(sessions.some((s) => micros(s.session.end_time) === hi)).toBe(true);
  });

  it("validates against the schemas; money and times in the contract's formats", () => {
    const sessions = sessionsOf(world, 300, { now: NOW }, "schema");
    const errors = sessions.flatMap(({ session, interactions }) =>
      [
        ClickstreamSession.safeParse(session),
        ...interactions.map((i) => Interaction.safeParse(i)),
      ].flatMap((r) => r.error?.issues ?? []),
    );
    expect(errors).toEqual([]);
  });

  it("replays: the same seed and label give identical sessions; another label differs", () => {
    const a = sessionsOf(smallWorld(), 200, { now: NOW }, "replay");
    expect(sessionsOf(smallWorld(), 200, { now: NOW }, "replay")).toEqual(a);
    expect(sessionsOf(world, 1, { now: NOW }, "other")[0]?.session.session_id).not.toBe(
      a[0]?.session.session_id,
    );
  });
});
