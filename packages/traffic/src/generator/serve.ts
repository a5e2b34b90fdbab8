import { randomUUID } from "node:crypto";
import type { Queryable } from "@gg/core/sql";
import { MINUTE_MS, PREPARE_LEAD_MS, RETRY_GRACE_MS } from "../minute/index";
import { extendLease, takeLease } from "./lease";
import type { Trigger } from "./scheduled-event";
import type { PreparedTick, TickResult } from "./tick";

export { PREPARE_LEAD_MS };

export interface ServeInput {
  trigger: Trigger;
  /** Prepares one minute: claims, plans, hands out shards (`prepareTick`). */
  prepare(minute: Date, triggerDelayMs: number | null): Promise<PreparedTick>;
  /** After each minute has fired (a completed stream's rule sync). */
  afterMinute?(result: TickResult): Promise<void>;
  /** Real epoch ms after which no request starts (the Lambda's remaining time); none: no end. */
  deadline?: number;
  /**
   * Keep serving the following minutes while the deadline covers them, under the lease in `db`:
   * one long-lived invocation instead of one per minute overlapping the next.
   */
  hold?: { db: Queryable; requestTimeoutMs: number };
  /** False: prepare at once (compressed minutes in tests start when prepared, not at a time). */
  ahead?: boolean;
  /**
   * True when the minute's streams all go to wake windows: it is prepared as soon as the trigger
   * arrives (nothing of it waits in this process), and the invocation ends there.
   */
  wakesOnly?: (minute: Date) => Promise<boolean>;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
  log?: (line: Record<string, unknown>) => void;
}

/**
 * Serves the trigger's minute: waits until the lead before it, prepares it, and fires it when it
 * starts. Holding, it commits to the next minute while preparing this one (so that minute's own
 * trigger finds it taken and exits), and goes on minute after minute until the deadline no longer
 * covers a whole minute with its retries, or no stream is left, or every stream is woken in
 * windows instead. Resolves with every minute fired; empty when another invocation already serves
 * the trigger's minute.
 */
export async function serve(input: ServeInput): Promise<TickResult[]> {
  const now = input.now ?? Date.now;
  const sleep = input.sleep ?? ((ms: number) => new Promise<void>((r) => setTimeout(r, ms)));
  const holder = randomUUID();
  let minute = input.trigger.minute;
  if (input.hold && !(await takeLease(input.hold.db, holder, minute))) {
    (input.log ?? log)({
      message: "generator trigger: its minute is served by a running invocation",
      minute: minute.toISOString(),
      triggerDelayMs: input.trigger.delayMs,
    });
    return [];
  }
  const fired: Promise<TickResult>[] = [];
  let triggerDelayMs = input.trigger.delayMs;
  for (;;) {
    const wait = minute.getTime() - PREPARE_LEAD_MS - now();
    const ahead = wait > 0 && input.ahead !== false;
    if (ahead && (await input.wakesOnly?.(minute)) !== true) await sleep(wait);
    const prepared = await input.prepare(minute, triggerDelayMs);
    fired.push(
      prepared.fire().then(async (result) => {
        await input.afterMinute?.(result);
        return result;
      }),
    );
    const next = new Date(minute.getTime() + MINUTE_MS);
    const covered = (hold: { requestTimeoutMs: number }) =>
      input.deadline === undefined ||
      next.getTime() + MINUTE_MS + RETRY_GRACE_MS + hold.requestTimeoutMs <= input.deadline;
    // Minutes whose streams all went to wake windows leave nothing here to stay alive for.
    const more =
      input.hold !== undefined &&
      prepared.streams > prepared.woken &&
      covered(input.hold) &&
      (await extendLease(input.hold.db, holder, next));
    if (!more) break;
    minute = next;
    triggerDelayMs = null;
  }
  return Promise.all(fired);
}

const log = (line: Record<string, unknown>) =>
  console.log(JSON.stringify({ level: "info", ...line }));
