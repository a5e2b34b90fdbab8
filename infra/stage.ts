// Stage policy in one place (the pure rules are in stage-policy.ts, which the preflight reads
// too). Read by the infra modules only (never by application code).
import { capacityOf, trafficOnByDefaultFor } from "./stage-policy";

/**
 * Background traffic is on by default in `staging` only. This is the rule's state at creation;
 * after that the control plane owns it (see infra/control.ts).
 */
export const trafficOnByDefault = trafficOnByDefaultFor($app.stage);

/** The highest rate, in events/s, this stage is sized for (stage-policy.ts). */
export const capacityEventsPerSecond = capacityOf($app.stage);

/**
 * Prefix of the physical names that must be known before their resources exist (the rule and the
 * generator function), so the API can be given them without a dependency cycle.
 */
export const physicalPrefix = `${$app.name}-${$app.stage}`;
