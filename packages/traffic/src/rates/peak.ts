import { replayPeak } from "./replay";
import type { RateSchedule } from "./schedule";

/**
 * The highest rate (events/second) a schedule reaches in any minute: the larger ramp end (or the
 * base), times the daily curve's top hour, times the bursts that overlap at their worst instant.
 * An upper bound (the curve's top hour and the bursts may never coincide), which is what a
 * capacity check wants: a stream it admits never plans a minute above the ceiling.
 */
export function peakRate(schedule: RateSchedule): number {
  const shape = schedule.replay
    ? replayPeak(schedule.replay)
    : (schedule.ramp ? Math.max(schedule.ramp.from, schedule.ramp.to) : schedule.base) *
      (schedule.daily ? Math.max(...schedule.daily.factors) : 1);
  // A shape that never fires stays at 0 under any burst (0 × Infinity would be NaN, and NaN
  // passes every ceiling comparison).
  return shape === 0 ? 0 : shape * worstBurstFactor(schedule.bursts);
}

type Bursts = RateSchedule["bursts"];

/**
 * The largest product of the multipliers (those above 1) of bursts active at one instant. The
 * product only changes where a burst starts or ends, so one sweep over the sorted edges visits
 * every candidate: O(n log n), where checking each start against every burst was O(n²). The sweep
 * adds logarithms to find the instant; its product is then taken exactly, as `rateAt` multiplies.
 */
function worstBurstFactor(bursts: Bursts): number {
  const edges: { at: number; log: number }[] = [];
  for (const b of bursts) {
    if (!(b.multiplier > 1 && b.duration > 0)) continue;
    const start = b.start.getTime();
    const log = Math.log(b.multiplier);
    edges.push({ at: start, log }, { at: start + b.duration, log: -log });
  }
  edges.sort((x, y) => x.at - y.at);
  let sum = 0;
  let best = 0;
  let bestAt: number | undefined;
  for (let i = 0; i < edges.length; i++) {
    const edge = edges[i] as (typeof edges)[number];
    sum += edge.log;
    // Windows are half-open: read the sum only once every edge at this instant is in.
    if (edges[i + 1]?.at === edge.at) continue;
    if (sum > best) {
      best = sum;
      bestAt = edge.at;
    }
  }
  return bestAt === undefined ? 1 : factorAt(bursts, bestAt);
}

function factorAt(bursts: Bursts, t: number): number {
  let factor = 1;
  for (const b of bursts) {
    const start = b.start.getTime();
    if (start <= t && t < start + b.duration) factor *= Math.max(1, b.multiplier);
  }
  return factor;
}
