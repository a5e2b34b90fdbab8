import { defineConfig } from "vitest/config";
import SlowFirstSequencer from "./test/sequencer";

// Three groups, one after the other (sequence.groupOrder):
// 0. The landed-time test (`integration-timed`, above normal priority where allowed), judged to
//    the millisecond, with beside it only `unit` (pure logic) and the two files that only wait on
//    LocalStack's once-a-minute scheduler (`integration-waits`), at nice 19. Its landed times are
//    Postgres's: beside the whole suite on two cores a judged minute reached p99 46-117 ms and
//    failed KS, and beside the emulate topology (LocalStack's Lambda environments and Postgres
//    at normal priority) 153 ms.
// 1. `integration` (the real Postgres, Kafka and LocalStack that `pnpm services up` starts, see
//    test/integration/global-setup.ts), the files that wait longest first (test/sequencer.ts).
//    Files isolate by naming (a database, topics, rules per file). They run at nice 19
//    (test/lower-priority.ts) but for `integration-normal` (NORMAL below).
// 2. `integration-serial`: the services tool's own test, alone: its `up` on a squatted port once
//    exited 0 while other files ran beside it (two `up`s share the cache's lock and data dirs). The
//    files that stop Kafka stop a broker of their own (test/support/private-kafka.ts), so they run
//    with the others.
const SERIAL = ["test/integration/services/up.test.ts"];
const TIMED = ["test/integration/local/landed.test.ts"];
const WAITS = [
  "test/integration/core/schedule.test.ts",
  "test/integration/control/stream-delivery.test.ts",
];
// At normal priority in the integration group: the fuzz step (CPU-bound, ~50 s alone, ~240 s at
// nice 19 among the others, the group's tail), the emulate topology (mostly waits on LocalStack's
// scheduler, the group's longest file: its deploys and shard minute should not wait for CPU too),
// and the files that fire a real minute at an API and count what succeeded (CI once failed both
// at nice 19, starved beside the fuzz step).
const NORMAL = [
  "test/integration/fuzz/conformance.test.ts",
  "test/integration/emulate/topology.test.ts",
  "test/integration/traffic/api-outage.test.ts",
  "test/integration/traffic/generator-handler.test.ts",
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
          exclude: [...SERIAL, ...TIMED, ...WAITS, ...NORMAL],
          setupFiles: lowerPriority,
          sequence: { groupOrder: 1 },
        },
      },
      {
        test: {
          ...integration,
          name: "integration-normal",
          include: NORMAL,
          sequence: { groupOrder: 1 },
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
          name: "integration-waits",
          include: WAITS,
          setupFiles: lowerPriority,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          ...integration,
          name: "integration-serial",
          include: SERIAL,
          poolOptions: { forks: { singleFork: true } },
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
