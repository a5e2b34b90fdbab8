import { defineConfig } from "vitest/config";

// Three projects, run one group after another (sequence.groupOrder):
// 0. `unit`: pure logic, no services, parallel, on a machine of its own (some tests time things).
// 1. `integration`: the real Postgres, Kafka and LocalStack that `pnpm services up` starts (see
//    test/integration/setup). Files isolate by naming (a database, topics, rules per file), so
//    three run at once: most of their time is real minutes waited, not CPU.
// 2. `integration-serial`: the services tool's own test, alone. Its `up` on a squatted port once
//    exited 0 while other files ran beside it (two `up`s share the cache's lock and data dirs).
//    The files that stop Kafka stop a broker of their own (test/support/private-kafka.ts), so
//    they run beside the others.
const SERIAL = ["test/integration/services/up.test.ts"];
const integration = {
  globalSetup: ["test/integration/global-setup.ts"],
  testTimeout: 120_000,
  hookTimeout: 120_000,
  pool: "forks" as const,
};

export default defineConfig({
  test: {
    // Per run, not per project (a project may not set its own): unit files in threads, then
    // integration files in forks, at most this many at once.
    maxWorkers: 3,
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          testTimeout: 60_000,
          sequence: { groupOrder: 0 },
        },
      },
      {
        test: {
          ...integration,
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          exclude: SERIAL,
          sequence: { groupOrder: 1 },
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
