import type { ClickstreamKind, Producer } from "@gg/core/kafka";
import { createRandom } from "@gg/core/random";
import { checkMinuteSize, dueAt, type Scenario } from "../../minute/index";
import { AscendingOffsets, arrivalCount, rateAt } from "../../rates/index";
import { deliver } from "./deliver";
import { encodeRecord } from "./model/index";
import { createRecordDraw } from "./record-draw";
import { anchorOf, ClickstreamStreamConfig } from "./stream-config";
import { createWorldCache, type WorldCache } from "./world-cache";

export interface ClickstreamScenarioDeps {
  /** The producer, connected on first use (a deployment without clickstream streams never is). */
  producer: () => Pick<Producer, "sendRaw">;
  /** Topic name per kind (defaults: users, products, interactions, sessions). */
  topics: Readonly<Record<ClickstreamKind, string>>;
  /** The deployment's clickstream ceiling (events/s, `RateCeilings`); default the process bound. */
  maxRate?: number;
  /** Shared with other users of the scenario in the process; default a private one. */
  worlds?: WorldCache;
  /** Batching: gather due events every `tickMs` (default 50), `maxBatch` per produce call (500). */
  tickMs?: number;
  maxBatch?: number;
  /** Produce calls awaiting acks at most (default 8). */
  maxInFlight?: number;
  close?: () => Promise<void>;
}

/**
 * The clickstream scenario: a stream's minute is N ~ Poisson(rate × 60) arrivals at uniform
 * order-statistic offsets (the GourmetGram arrival model), each a record of the stream's kind
 * stamped at its arrival, sent to Kafka open-loop in small batches. Count, times and records are
 * a pure function of (seed, minute, config); only the real-time figures vary.
 */
export function clickstreamScenario(
  deps: ClickstreamScenarioDeps,
): Scenario<ClickstreamStreamConfig> {
  const worlds = deps.worlds ?? createWorldCache();
  return {
    name: "clickstream",
    kinds: [],
    config: ClickstreamStreamConfig,
    async prepare({ stream, config, seed, minute, mode, budget, slice, tally, onProgress }) {
      const minuteMs = minute.getTime();
      const iso = minute.toISOString();
      const rate = rateAt(config.schedule, minute);
      const root = createRandom(String(seed), "clickstream-minute", iso);
      // A replayed shape's `exact` count is its expected value; otherwise Poisson around it.
      const count = config.schedule.replay?.exact
        ? Math.round(rate * 60)
        : arrivalCount(root.fork("count"), rate);
      checkMinuteSize(stream.stream_id, count, deps.maxRate);
      // This slice's arrivals, in time order; the rest of the minute is another invocation's.
      const mine = Math.max(0, Math.floor((count - 1 - slice.index) / slice.count) + 1);
      const planned = Math.min(mine, Math.max(0, budget));
      const kind = tally.kind(config.dataType);
      kind.planned = planned;
      kind.skipped = mine - planned;
      const offsets = new AscendingOffsets(root.fork("offsets"), count);
      // deliver asks for due times in index order: index i of the slice is arrival
      // slice.index + i·slice.count of the minute.
      let arrival = -1;
      let offset = 0;
      const offsetOf = (i: number) => {
        const want = slice.index + i * slice.count;
        while (arrival < want) {
          offset = offsets.next() as number;
          arrival++;
        }
        return offset;
      };
      // The world (~0.6 s to build on first use) is ready before the minute's clock starts.
      const source = createRecordDraw({
        world: worlds.get(seed, anchorOf(stream), config.settings),
        kind: config.dataType,
        label: iso,
        now: minute,
      });
      const producer = deps.producer();
      return {
        expected: rate * 60,
        async fire(frame, clock) {
          const delivery = await deliver({
            producer,
            topic: deps.topics[config.dataType],
            count: planned,
            dueAt: (i) => dueAt(frame, offsetOf(i)),
            // Stamped at the arrival's place in the minute: in live time that is its due time,
            // never later.
            message: (i) => encodeRecord(source.next(new Date(minuteMs + offsetOf(i)))),
            clock,
            tickMs: deps.tickMs ?? 50,
            maxBatch: deps.maxBatch ?? 500,
            maxInFlight: deps.maxInFlight ?? 8,
            deadline: frame.deadline,
            lateness: mode === "live" ? tally.lateness : undefined,
            onProgress,
          });
          kind.sent = delivery.sent;
          kind.succeeded = delivery.succeeded;
          // As in the GourmetGram record: events never sent (deadline) count as failed too. The
          // producer retries inside a send; attempts are not visible per event.
          kind.failed = delivery.failed + delivery.unsent;
          tally.unsent += delivery.unsent;
          for (const e of delivery.errors) tally.error(e);
        },
      };
    },
    close: deps.close,
  };
}
