import type { DelayedMessage } from "@gg/core/queue";
import type { Scenario } from "../minute/index";
import type { ShardJob } from "./job";

/**
 * A minute slower than `belowPerSecond` is not held by one invocation for the whole minute: it is
 * cut into windows, each sent to land `leadMs` before its first event and fired by an invocation
 * of its own (deployed: a delayed SQS message to the wake function, infra/generator-wake.ts).
 */
export interface WakePolicy {
  /** Events/s below which a minute is woken in windows (`GENERATOR_WAKE_RATE`). */
  belowPerSecond: number;
  /**
   * How long before its first event a window's invocation is started (`GENERATOR_WAKE_LEAD_MS`):
   * its delivery, cold start and plan fit in it. Events closer than this share a window, since a
   * second invocation would cost more than staying awake for the gap.
   */
  leadMs: number;
  /** Hands each window over, to start at `at` (epoch ms); resolves once all are queued. */
  send(windows: readonly { job: ShardJob; at: number }[]): Promise<void>;
}

/** A run of a minute's events fired by one wake invocation: indices `from <= i < to`. */
export interface WakeWindow {
  from: number;
  to: number;
  /** Its first event's offset into the minute (ms). */
  startMs: number;
}

/**
 * Cuts a minute's event offsets (ascending, in index order) into windows: a new one starts where
 * the gap to the previous event is longer than `gapMs`.
 */
export function wakeWindows(offsets: readonly number[], gapMs: number): WakeWindow[] {
  const windows: WakeWindow[] = [];
  for (let i = 0; i < offsets.length; i++) {
    const at = offsets[i] as number;
    const last = windows[windows.length - 1];
    if (last && at - (offsets[i - 1] as number) <= gapMs) last.to = i + 1;
    else windows.push({ from: i, to: i + 1, startMs: at });
  }
  return windows;
}

/**
 * Whether a scenario's minute of `expected` events is woken in windows rather than held: it must
 * be below the wake rate, and the scenario must say where its events fall (`offsets`).
 */
export function isWoken(
  scenario: Pick<Scenario<never>, "offsets">,
  expected: number,
  policy: Pick<WakePolicy, "belowPerSecond">,
): boolean {
  return scenario.offsets !== undefined && expected / 60 < policy.belowPerSecond;
}

/**
 * Windows as delayed queue messages: each held back the whole seconds until its `at` (rounded
 * down, so it lands early by under a second rather than late). A window already due goes at once.
 */
export function queueWakeSender(
  send: (messages: readonly DelayedMessage[]) => Promise<void>,
  now: () => number = Date.now,
): WakePolicy["send"] {
  return (windows) =>
    send(
      windows.map(({ job, at }) => ({
        body: JSON.stringify(job),
        delaySeconds: Math.max(0, Math.floor((at - now()) / 1000)),
      })),
    );
}
