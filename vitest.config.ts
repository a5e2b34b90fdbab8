import { defineConfig } from "vitest/config";
import SlowFirstSequencer from "./test/sequencer";

// Two groups, one after the other (sequence.groupOrder):
// 0. The landed-time test (`integration-timed`, above normal priority where allowed), judged to
//    the millisecond, and beside it what loads the machine lightly, at nice 19 (a lower priority
//    than the test and the services it uses): `unit` (pure logic) and `integration` (short files,
//    and the files that only wait on LocalStack's once-a-minute scheduler); and the emulate
//    topology test (`integration-deployed`) at nice 5. That test loads the machine in its first
//    minute or so (the deployment, the contract suite and the shard minutes through LocalStack's
//    Lambdas), while the landed-time test waits for the next minute boundary and fires its first
//    full minute, which is judged as prepared and landed whole but not on its timing; then it
//    waits on LocalStack's scheduler (the relay's tick, a 30/min stream's minute), which loads it
//    little. Beside the whole suite on two cores the judged minutes miss their floor (README,
//    "What it costs").
// 1. `integration-heavy` (HEAVY below) at nice 5, the files that wait longest first
//    (test/sequencer.ts), and the longest of them (`integration-longest`, the fuzz step) at
//    normal priority. Nothing timed runs beside them, and at nice 19 beside the services a
//    loaded file starved: a Postgres connect of the dashboard's generator passed its 5 s timeout.
// The services tool's own test (its `up` again, and `up` on a squatted port) runs in group 0 with
// the short files: no other file there runs `up` (the files that stop Kafka, which start brokers of
// their own with it, are in group 1), and two `up`s at once share the cache's lock and data dirs
// (beside them its `up` on a squatted port once exited 0).
// Integration files use the real Postgres, Kafka and LocalStack that `pnpm services up` starts
// (test/integration/global-setup.ts) and isolate by naming (a database, topics, rules per file).
const TIMED = ["test/integration/local/landed.test.ts"];
const DEPLOYED = ["test/integration/emulate/topology.test.ts"];
// Group 1's longest file, at normal priority above the other loaded files (nice 5): it is the
// group's critical path (90-160 s in fresh-clone runs, its control document ~7,900 cases), and
// the others finish well before it.
const LONGEST = ["test/integration/fuzz/conformance.test.ts"];
// Not beside the timed test: loads (bursts of requests, firehoses, whole minutes fired, the fuzz
// step), servers killed or restarted, Chromium, Python clients, LocalStack's Lambda runtimes.
const HEAVY = [
  "test/integration/api/crash-mid-batch.test.ts",
  "test/integration/api/hot-image-views.test.ts",
  "test/integration/api/kafka-outage.test.ts",
  "test/integration/control/dashboard-browser.test.ts",
  "test/integration/control/firehose-routes.test.ts",
  "test/integration/emulate/executor.test.ts",
  "test/integration/local/generator-schedule.test.ts",
  "test/integration/local/hostile-input.test.ts",
  "test/integration/local/relay-schedule.test.ts",
  "test/integration/services/s3-clients.test.ts",
  "test/integration/traffic/api-outage.test.ts",
  "test/integration/traffic/bad-settings-cli.test.ts",
  "test/integration/traffic/firehose.test.ts",
  "test/integration/traffic/generator-handler.test.ts",
  "test/integration/traffic/replay.test.ts",
  "test/integration/traffic/shards-local.test.ts",
];
const lowerPriority = ["test/lower-priority.ts"];
const integration = {
  globalSetup: ["test/integration/global-setup.ts"],
  testTimeout: 120_000,
  hookTimeout: 120_000,
  // expect.poll waits on real servers here (a click in Chromium, then the control plane and
  // LocalStack): its default 1 s was once too short for a stop under the full suite's load.
  expect: { poll: { timeout: 10_000 } },
  pool: "forks" as const,
};

export default defineConfig({
  test: {
    // Per run, not per project (a project may not set its own): unit files in threads and
    // integration files in forks, at most this many at once (two cores: most files wait).
    maxWorkers: 6,
    sequence: { sequencer: SlowFirstSequencer },
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          setupFiles: lowerPriority,
          // Pure logic, no module state between files: one module cache per worker saves most
          // of the unit files' collect time.
          isolate: false,
          testTimeout: 60_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          ...integration,
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          exclude: [...TIMED, ...DEPLOYED, ...LONGEST, ...HEAVY],
          setupFiles: lowerPriority,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          ...integration,
          name: "integration-timed",
          include: TIMED,
          setupFiles: ["test/raise-priority.ts"],
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          ...integration,
          name: "integration-deployed",
          include: DEPLOYED,
          setupFiles: ["test/heavy-priority.ts"],
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          ...integration,
          name: "integration-longest",
          include: LONGEST,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          ...integration,
          name: "integration-heavy",
          include: HEAVY,
          setupFiles: ["test/heavy-priority.ts"],
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
