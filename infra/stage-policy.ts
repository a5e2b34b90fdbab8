// Stage policy as pure functions of the stage's name, so `pnpm deploy:check` (packages/deploy)
// reads the same answers as the deploy; infra/stage.ts applies them to $app.stage.

/** `production` keeps its data and refuses `sst remove`; every other stage is disposable. */
const isProductionStage = (stage: string) => stage === "production";

/**
 * Background traffic is on by default in `staging` only: production serves real users, and a
 * personal dev stage should cost nothing while idle.
 */
export const trafficOnByDefaultFor = (stage: string) => stage === "staging";

/**
 * The highest rate, in events/s, each stage is sized for (infra/capacity-plan.ts turns it into the
 * database class, RDS Proxy, the API's reserved concurrency and the topic partitions). A stage not
 * listed gets 1/s: a personal stage costs the least. `loadtest` is the platform-sized stage.
 */
const CAPACITY: Record<string, number> = { production: 50, staging: 50, loadtest: 10_000 };
// The landed-time bench's emulate stages (bench/landed.ts): `lt` + random hex.
const LANDED_TEST_STAGE = /^lt[0-9a-f]+$/;
export const capacityOf = (stage: string) =>
  CAPACITY[stage] ?? (LANDED_TEST_STAGE.test(stage) ? 100 : 1);

/**
 * Whether the stage's functions run in the VPC behind NAT (infra/network.ts says what each mode
 * gives up): production, and any stage behind RDS Proxy, which is only reachable in its VPC.
 */
export const privateNetworkFor = (stage: string, rdsProxy: boolean) =>
  isProductionStage(stage) || rdsProxy;
