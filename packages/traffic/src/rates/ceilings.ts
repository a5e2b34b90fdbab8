/**
 * The most events per second one generator process fires in one stream's minute, set with
 * headroom above what `pnpm bench generator` sustains on one core: above it a minute would only
 * pile up late events and hold the event loop from the other streams. No deployment's ceiling
 * may be above it.
 */
export const PROCESS_MAX_RATE = 20_000;

/**
 * The most events a minute of a stream firing at most `perSecond` may draw: λ = 60·perSecond plus
 * seven standard deviations of its Poisson count (λ + 7√λ), so a stream admitted at the ceiling
 * never trips it (p < 10⁻¹¹ a minute) while a rate far above it fails before anything is drawn.
 */
export function minuteCeiling(perSecond: number): number {
  const lambda = perSecond * 60;
  return Math.ceil(lambda + 7 * Math.sqrt(lambda));
}
