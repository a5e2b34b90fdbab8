/** EventBridge schedule rules: put, target, enable, disable, describe, delete. */
export {
  createScheduleRules,
  type RuleDescription,
  type RuleTarget,
  type ScheduleRules,
} from "./schedule-rules";
