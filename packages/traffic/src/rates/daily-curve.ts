/**
 * Default hour-of-day weights for a food app (local time): quiet nights, a breakfast rise,
 * a lunch peak at 12–13 h and a larger dinner peak at 18–20 h.
 */
export const DEFAULT_DAILY_WEIGHTS: readonly number[] = [
  0.35, 0.22, 0.15, 0.12, 0.12, 0.2, 0.4, 0.7, 0.95, 0.9, 0.95, 1.35, 1.9, 1.7, 1.05, 0.85, 0.95,
  1.3, 1.85, 2.1, 1.8, 1.3, 0.9, 0.55,
];

/** Scales 24 non-negative weights so that their mean is 1 (the schedule's base rate is the daily mean). */
export function normaliseDailyWeights(weights: readonly number[]): number[] {
  if (weights.length !== 24)
    throw new RangeError(`a daily curve needs 24 weights, got ${weights.length}`);
  const sum = weights.reduce((s, w) => s + w, 0);
  if (!(sum > 0) || weights.some((w) => !(w >= 0))) {
    throw new RangeError("daily weights must be >= 0 with a positive sum");
  }
  return weights.map((w) => (w * 24) / sum);
}
