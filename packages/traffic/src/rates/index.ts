/** Arrival rates: parsing `GENERATOR_ARRIVAL_RATE`-style strings and rate schedules over time. */
export {
  CEILING_SOURCES,
  CEILING_VARIABLES,
  DEFAULT_RATE_CEILINGS,
  formatRate,
  minuteCeiling,
  PROCESS_MAX_RATE,
  RateCeilings,
  rateCeilingsFromEnv,
} from "./ceilings";
export { DEFAULT_DAILY_WEIGHTS, normaliseDailyWeights } from "./daily-curve";
export {
  DurationInput,
  MAX_RATE_CHARS,
  parseRate,
  RATE_PATTERNS,
  RATE_TEXT_PATTERN,
  RateInput,
} from "./parse-rate";
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
