import type { RateSchedule } from "./schedule";

/**
 * The highest rate (events/second) a schedule reaches in any minute: the larger ramp end (or the
 * base), times the daily curve's top hour, times the bursts that overlap at their worst instant.
 * An upper bound (the curve's top hour and the bursts may never coincide), which is what a
 * capacity check wants: a stream it admits never plans a minute above the ceiling.
 */
export function peakRate(schedule: RateSchedule): number {
  const base = schedule.ramp ? Math.max(schedule.ramp.from, schedule.ramp.to) : schedule.base;
  const daily = schedule.daily ? Math.max(...schedule.daily.factors) : 1;
  return base * daily * worstBurstFactor(schedule.bursts);
}

// Burst factors only change at a burst's start or end, so the product is largest at some start.
function worstBurstFactor(bursts: RateSchedule["bursts"]): number {
  let worst = 1;
  for (const at of bursts) {
    const t = at.start.getTime();
    let factor = 1;
    for (const b of bursts) {
      const start = b.start.getTime();
      if (start <= t && t < start + b.duration) factor *= Math.max(1, b.multiplier);
    }
    worst = Math.max(worst, factor);
  }
  return worst;
}
