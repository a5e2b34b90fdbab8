import { BaseSequencer, type TestSpecification } from "vitest/node";

// The files that take longest start first (longest first, as measured under the suite), so their
// waits overlap everything else and no long file starts last; the rest in vitest's own order
// (from a fresh clone it has no durations to go by). Real minutes waited (landed times,
// LocalStack's scheduler, which wakes about once a minute), deployments and tsc over SST's
// platform are the suite's critical path.
const SLOW_FIRST = [
  "test/integration/local/landed.test.ts",
  "test/integration/emulate/topology.test.ts",
  "test/integration/fuzz/conformance.test.ts",
  "test/integration/local/generator-schedule.test.ts",
  "test/integration/control/dashboard-browser.test.ts",
  "test/unit/infra/typecheck.test.ts",
  "test/unit/infra/mock-deploy.test.ts",
  "test/integration/traffic/generator-handler.test.ts",
  "test/integration/traffic/api-outage.test.ts",
  "test/integration/api/kafka-outage.test.ts",
  "test/unit/traffic/scenarios/gourmetgram/plan/shards.test.ts",
  "test/integration/control/stream-delivery.test.ts",
  "test/integration/core/schedule.test.ts",
  "test/integration/local/hostile-input.test.ts",
  "test/integration/local/relay-schedule.test.ts",
  "test/integration/traffic/firehose.test.ts",
  "test/integration/traffic/bad-settings-cli.test.ts",
  "test/unit/infra/handlers.test.ts",
  "test/integration/control/settings.test.ts",
  "test/integration/traffic/clickstream-scenario.test.ts",
  "test/integration/api/idempotency.test.ts",
  "test/integration/traffic/replay.test.ts",
];

const rank = (spec: TestSpecification) => {
  const i = SLOW_FIRST.findIndex((f) => spec.moduleId.endsWith(f));
  return i === -1 ? SLOW_FIRST.length : i;
};

export default class SlowFirstSequencer extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const base = await super.sort(files);
    return base
      .map((spec, i) => ({ spec, i }))
      .sort((a, b) => rank(a.spec) - rank(b.spec) || a.i - b.i)
      .map(({ spec }) => spec);
  }
}
