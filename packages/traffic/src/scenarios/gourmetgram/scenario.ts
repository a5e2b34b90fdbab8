import { createRandom } from "@gg/core/random";
import type { Queryable } from "@gg/core/sql";
import { checkMinuteSize, dueAt, type Scenario } from "../../minute/index";
import { ensureActors } from "./actors";
import { EventKinds } from "./behaviour/index";
import { fireEach } from "./fire";
import { createImageCache, type ImageCache } from "./image-cache";
import type { ImageIndex } from "./images/index";
import { type KnownState, planCursor } from "./plan/index";
import { buildRequest, type FiringEvent } from "./requests";
import { DEFAULT_RETRY, type RetryPolicy } from "./retry";
import { sendOnce } from "./send";
import { loadPlanningState, type PlanningStateInput } from "./state/index";
import { GourmetGramStreamConfig, type PlannerDefaults, withDefaults } from "./stream-config";
import type { ApiTarget } from "./target";

export interface GourmetGramDeps {
  target: ApiTarget;
  /** The dataset for uploads, indexed once and reused (null: uploads are skipped). */
  dataset: () => Promise<ImageIndex | null>;
  concurrency: number;
  defaults?: PlannerDefaults;
  /** The deployment's GourmetGram ceiling (events/s, `RateCeilings`); default the process bound. */
  maxRate?: number;
  retry?: RetryPolicy;
  /**
   * What exists as of the minute, live or backfilled (the API files each write under its planned
   * time). Default: a bounded read from the minute's database (`loadPlanningState`); pure runs pass a
   * fixed state.
   */
  state?: (db: Queryable | undefined, input: PlanningStateInput) => Promise<KnownState>;
}

/**
 * The GourmetGram scenario: a stream's minute planned from the known state, in time order, and
 * fired at the API over HTTP open-loop with bounded concurrency, retried until the minute's retry
 * deadline with the same idempotency keys.
 */
export function gourmetgramScenario(deps: GourmetGramDeps): Scenario<GourmetGramStreamConfig> {
  const state = deps.state ?? defaultState;
  let images: { dataset: ImageIndex; cache: ImageCache } | undefined;
  const imageCache = (dataset: ImageIndex | null) => {
    if (!dataset) return null;
    if (images?.dataset !== dataset) images = { dataset, cache: createImageCache(dataset) };
    return images.cache;
  };
  // The plan without state: its count and its times are drawn before any state, actor or payload
  // is looked at (with none, every event is a skipped draw at its real offset).
  const stateless = (m: { config: GourmetGramStreamConfig; seed: string | number; minute: Date }) =>
    planCursor({
      seed: m.seed,
      minute: m.minute,
      config: withDefaults(m.config, deps.defaults),
      state: NO_STATE,
      dataset: null,
    });
  return {
    name: "gourmetgram",
    kinds: EventKinds,
    config: GourmetGramStreamConfig,
    size(minute) {
      const plan = stateless(minute);
      return { expected: plan.expected, count: plan.count };
    },
    offsets(minute) {
      const plan = stateless(minute);
      const offsets: number[] = [];
      for (let e = plan.next(); e !== undefined; e = plan.next()) offsets.push(e.offsetMs);
      return offsets;
    },
    async ensureActors({ seed, minute, db }) {
      return ensureActors({
        db,
        target: deps.target,
        dataset: await deps.dataset(),
        seed,
        minute,
        testAccountRate: deps.defaults?.testAccountRate ?? 0,
      });
    },
    async prepare({
      stream,
      config: stored,
      seed,
      minute,
      mode,
      db,
      budget,
      slice,
      tally,
      onProgress,
    }) {
      const dataset = await deps.dataset();
      const cache = imageCache(dataset);
      const config = withDefaults(stored, deps.defaults, stream.config);
      const known = await state(db, { seed, minute, config });
      // A wake window plans the minute whole (the same actors, sessions and budget as an unsplit
      // minute) and fires only its range; a shard's plan resolves only its own events.
      const range = slice.range;
      const plan = planCursor({
        seed,
        minute,
        config,
        state: known,
        dataset,
        slice: range ? undefined : slice,
      });
      checkMinuteSize(stream.stream_id, plan.count, deps.maxRate);
      let firing = 0;
      // Drawn one event ahead of the clock: skipped draws and events over the budget are counted
      // as skipped; the plan resolves only this slice's events (the rest are other shards').
      const draw = (): FiringEvent | undefined => {
        for (let e = plan.next(); e !== undefined; e = plan.next()) {
          if (range && e.index >= range.to) return undefined;
          if (range && e.index < range.from) {
            // An earlier window's event: it spends the budget as it would unsplit, uncounted here.
            if (e.status === "planned" && firing < budget) firing++;
            continue;
          }
          const k = tally.kind(e.kind);
          if (e.status !== "planned" || firing >= budget) {
            k.skipped++;
            continue;
          }
          firing++;
          k.planned++;
          return e;
        }
        return undefined;
      };
      // The first event is drawn now, while preparing: it builds the actor and popularity pickers
      // over the whole sample, which would otherwise delay the minute's first event.
      let first: FiringEvent | undefined = draw();
      const events = {
        next(): FiringEvent | undefined {
          if (first === undefined) return draw();
          const e = first;
          first = undefined;
          return e;
        },
      };
      const target = deps.target.lane(stream.stream_id);
      const jitter = createRandom(plan.seed, "retry-jitter", plan.minute);
      const live = mode === "live";
      return {
        expected: plan.expected,
        fire: async (frame, clock) => {
          // Connections open just before the minute (a server closes idle ones after a few
          // seconds), so its first events neither wait for handshakes nor make the API accept
          // every connection at once: as many as its first requests need if each took 50 ms.
          if (live) {
            const wait = frame.realStart - PRECONNECT_LEAD_MS - clock.now();
            if (wait > 0) await clock.sleep(wait);
            const perSecond = (plan.count / slice.count / 60) * frame.scale;
            target.preconnect(Math.min(deps.concurrency, Math.max(4, Math.ceil(perSecond * 0.05))));
          }
          await fireEach({
            events,
            dueAt: (e) => dueAt(frame, e.offsetMs),
            send: (e, attempt) =>
              sendOnce(target, () => buildRequest(e, target.apiKey, cache), {
                onError: (why) => tally.error(`${e.kind} attempt ${attempt}: ${why}`),
              }),
            concurrency: deps.concurrency,
            retry: deps.retry ?? DEFAULT_RETRY,
            clock,
            deadline: frame.deadline,
            retryUntil: frame.retryUntil,
            random: () => jitter.next(),
            onSettled: (e, r) => {
              const k = tally.kind(e.kind);
              k.retried += Math.max(0, r.attempts - 1);
              if (r.outcome === "unsent") {
                tally.unsent++;
                k.failed++;
                return;
              }
              k.sent++;
              if (live && r.latenessMs !== null) tally.lateness.record(r.latenessMs);
              if (r.outcome === "succeeded") k.succeeded++;
              else if (r.outcome === "duplicate") k.duplicate++;
              else k.failed++;
              if (r.recoveredLatenessMs !== null) {
                k.recovered++;
                if (live) tally.recoveredLateness.record(r.recoveredLatenessMs);
              }
            },
            onProgress,
          });
        },
      };
    },
  };
}

/** How long before a live minute its connections are opened. */
const PRECONNECT_LEAD_MS = 500;

const NO_STATE: KnownState = { users: [], images: [] };

const defaultState = (db: Queryable | undefined, input: PlanningStateInput) => {
  if (!db) throw new Error("the GourmetGram scenario needs a database or a `state` to plan from");
  return loadPlanningState(db, input);
};
