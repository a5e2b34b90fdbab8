import type { Producer, RawMessage } from "@gg/core/kafka";
import type { Clock } from "@gg/core/time";
import type { LatenessRecorder } from "../../minute/index";

export interface DeliverOptions {
  producer: Pick<Producer, "sendRaw">;
  topic: string;
  count: number;
  /** Real epoch ms at which message `i` is due; non-decreasing in `i`. */
  dueAt(i: number): number;
  /** Builds message `i`, called once per message, in index order, when it is due (lazily). */
  message(i: number): RawMessage;
  clock: Clock;
  /** Due messages are gathered at most this often, so a high rate goes out in small batches. */
  tickMs: number;
  /** Messages per produce call at most. */
  maxBatch: number;
  /** Produce calls awaiting their acks at most; beyond it dispatch waits (and lateness shows it). */
  maxInFlight: number;
  /** Real epoch ms after which nothing more is dispatched; the rest counts as unsent. */
  deadline: number;
  /** Where each dispatched message's lateness (ms) goes; none: not recorded. */
  lateness?: LatenessRecorder;
  /** Stop dispatching after the first failed batch (a request that must answer, not a stream). */
  stopOnError?: boolean;
  onProgress?: (settled: number, total: number) => void;
}

/** What became of the messages: counts and a few errors. */
export interface Delivery {
  sent: number;
  succeeded: number;
  failed: number;
  /** Never dispatched: the deadline passed, or an earlier batch failed under `stopOnError`. */
  unsent: number;
  errors: string[];
}

/**
 * Sends messages to one topic open-loop at their due times: every tick, whatever is due goes out
 * in batches without waiting for earlier batches' acks (up to `maxInFlight`), then every ack is
 * awaited. Succeeded means acknowledged by the broker (acks=all), never merely handed over.
 */
export async function deliver(o: DeliverOptions): Promise<Delivery> {
  const inFlight = new Set<Promise<void>>();
  const out: Delivery = { sent: 0, succeeded: 0, failed: 0, unsent: 0, errors: [] };
  let stopped = false;
  let next = 0;
  let lastTick = Number.NEGATIVE_INFINITY;
  const settle = (n: number, error?: unknown) => {
    if (error === undefined) out.succeeded += n;
    else {
      out.failed += n;
      if (o.stopOnError) stopped = true;
      if (out.errors.length < 5)
        out.errors.push(error instanceof Error ? error.message : String(error));
    }
    o.onProgress?.(out.succeeded + out.failed, o.count);
  };

  while (next < o.count && !stopped) {
    let now = o.clock.now();
    if (now >= o.deadline) break;
    const wake = Math.max(o.dueAt(next), lastTick + o.tickMs);
    if (wake > now) {
      await o.clock.sleep(Math.min(wake, o.deadline) - now);
      continue;
    }
    lastTick = now;
    while (next < o.count && !stopped && o.dueAt(next) <= now) {
      if (inFlight.size >= o.maxInFlight) {
        await Promise.race(inFlight);
        now = o.clock.now();
        if (now >= o.deadline) break;
        continue;
      }
      const batch: RawMessage[] = [];
      while (next < o.count && batch.length < o.maxBatch && o.dueAt(next) <= now) {
        o.lateness?.record(now - o.dueAt(next));
        batch.push(o.message(next++));
      }
      out.sent += batch.length;
      const p = o.producer.sendRaw({ name: o.topic }, batch).then(
        () => settle(batch.length),
        (e: unknown) => settle(batch.length, e),
      );
      const tracked = p.finally(() => inFlight.delete(tracked));
      inFlight.add(tracked);
    }
  }
  await Promise.all(inFlight);
  out.unsent = o.count - out.sent;
  return out;
}
