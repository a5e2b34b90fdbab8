import { defineConfig } from "vitest/config";

// Two projects: `unit` runs pure logic in parallel with no services; `integration` talks to the
// real Postgres, Kafka and LocalStack that `pnpm services up` starts (see test/integration/setup).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: "integration",
          include: ["test/integration/**/*.test.ts"],
          globalSetup: ["test/integration/global-setup.ts"],
          testTimeout: 120_000,
          hookTimeout: 120_000,
          pool: "forks",
          // Files run one at a time, in one fork: some stop and restart a shared service (the
          // Kafka outage test), which would break files running beside them.
          poolOptions: { forks: { singleFork: true } },
        },
      },
    ],
  },
});
