/** Arrival rates: parsing `GENERATOR_ARRIVAL_RATE`-style strings and rate schedules over time. */

export {
  type Arrivals,
  AscendingOffsets,
  arrivalCount,
  drawArrivals,
  uniformOffsets,
} from "./arrivals";
export { minuteCeiling, PROCESS_MAX_RATE } from "./ceilings";
export { DEFAULT_DAILY_WEIGHTS, normaliseDailyWeights } from "./daily-curve";
export { peakRate } from "./peak";
export { MAX_REPLAY_MINUTES, Replay, replayPeak, replayRate } from "./replay";
export { parseShapeCsv, type ShapeRow, shapeCsv } from "./replay-csv";
export {
  Burst,
  constantRate,
  DailyCurve,
  MAX_BURSTS,
  Ramp,
  RateSchedule,
  type RateScheduleInput,
  rateAt,
  rateScheduleInputOf,
} from "./schedule";
