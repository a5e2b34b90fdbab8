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
 * The highest rate, in events/s, each stage is sized for (infra/capacity-plan.ts turns it into the
 * database class, RDS Proxy, the API's reserved concurrency and the topic partitions). A stage not
 * listed gets 1/s: a personal stage costs the least. `loadtest` is the platform-sized stage.
 */
const CAPACITY: Record<string, number> = { production: 50, staging: 50, loadtest: 10_000 };
// The landed-time test's emulate stages (test/integration/emulate/landed.test.ts), `lt` + random hex.
const TEST_CAPACITY = /^lt[0-9a-f]+$/.test($app.stage) ? 100 : undefined;
export const capacityEventsPerSecond = CAPACITY[$app.stage] ?? TEST_CAPACITY ?? 1;

/**
 * Prefix of the physical names that must be known before their resources exist (the rule and the
 * generator function), so the API can be given them without a dependency cycle.
 */
export const physicalPrefix = `${$app.name}-${$app.stage}`;
