// Stage policy in one place. Read by the infra modules only (never by application code).

/** `production` keeps its data and refuses `sst remove`; every other stage is disposable. */
export const isProduction = $app.stage === "production";

/**
 * Background traffic is on by default in `staging` only: production serves real users, and a
 * personal dev stage should cost nothing while idle. This is the rule's state at creation; after
 * that the control plane owns it (see infra/control.ts).
 */
export const trafficOnByDefault = $app.stage === "staging";

/**
 * Prefix of the physical names that must be known before their resources exist (the rule and the
 * generator function), so the API can be given them without a dependency cycle.
 */
export const physicalPrefix = `${$app.name}-${$app.stage}`;
