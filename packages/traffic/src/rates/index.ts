/** Arrival rates: parsing `GENERATOR_ARRIVAL_RATE`-style strings and rate schedules over time. */

export {
  type Arrivals,
  AscendingOffsets,
  arrivalCount,
  drawArrivals,
  uniformOffsets,
} from "./arrivals";
export {
  CEILING_SOURCES,
  CEILING_VARIABLES,
  DEFAULT_RATE_CEILINGS,
  minuteCeiling,
  PROCESS_MAX_RATE,
  RateCeilings,
  rateCeilingsFromEnv,
} from "./ceilings";
export { DEFAULT_DAILY_WEIGHTS, normaliseDailyWeights } from "./daily-curve";
export { peakRate } from "./peak";
export {
  Burst,
  constantRate,
  DailyCurve,
  MAX_BURSTS,
  Ramp,
  RateSchedule,
  type RateScheduleInput,
  rateAt,
} from "./schedule";
