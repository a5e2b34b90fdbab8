/** Background-traffic streams: persisted, several at once, each with its own configuration. */
export {
  ClickstreamDataType,
  Scenario,
  StartStream,
  Stream,
  StreamStats,
  StreamStatus,
} from "./schema";
export { completeFinished, create, get, list, remainingBudget, stats, stop } from "./store";
