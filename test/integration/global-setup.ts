// Before any integration test: every service must really answer. A missing one fails the run
// with its name and the command that starts it; nothing is ever skipped.
import { createPool } from "@gg/core/db";
import { createKafka } from "@gg/core/kafka";
import { ensureChromium } from "../support/browser";
import { type Stack, stack } from "../support/stack";

type Check = [name: string, probe: () => Promise<unknown>];

const checks = (s: Stack): Check[] => [
  [
    `PostgreSQL (${s.databaseUrl.replace(/\/\/[^@]*@/, "//")})`,
    async () => {
      const pool = createPool({
        connectionString: s.databaseUrl,
        max: 1,
        connectionTimeoutMs: 3_000,
      });
      try {
        await pool.query("select 1");
      } finally {
        await pool.end().catch(() => undefined);
      }
    },
  ],
  [
    `Kafka (${s.kafkaBrokers.join(",")})`,
    async () => {
      const kafka = createKafka({
        brokers: s.kafkaBrokers,
        clientId: "gg-test-global-setup",
        connectionTimeoutMs: 3_000,
        requestTimeoutMs: 5_000,
        retries: 0,
        logLevel: "nothing",
      });
      const admin = kafka.admin({ retry: { retries: 0 } });
      try {
        await admin.connect();
        await admin.listTopics();
      } finally {
        await admin.disconnect().catch(() => undefined);
      }
    },
  ],
  [
    `LocalStack (${s.awsEndpoint})`,
    async () => {
      const res = await fetch(`${s.awsEndpoint}/_localstack/health`, {
        signal: AbortSignal.timeout(5_000),
      });
      const health = (await res.json()) as { services?: Record<string, string> };
      const down = ["s3", "events", "sqs"].filter(
        (name) => !["available", "running"].includes(health.services?.[name] ?? ""),
      );
      if (down.length) throw new Error(`not serving ${down.join(", ")}`);
    },
  ],
];

/** The services that do not answer, each with the reason; empty when all do. */
export async function unreachableServices(s: Stack): Promise<string[]> {
  const results = await Promise.all(
    checks(s).map(async ([name, probe]) => {
      try {
        await probe();
        return undefined;
      } catch (e) {
        return `${name}: ${e instanceof Error ? e.message || e.name : String(e)}`;
      }
    }),
  );
  return results.filter((r): r is string => r !== undefined);
}

export default async function setup(): Promise<void> {
  const down = await unreachableServices(stack);
  if (down.length) {
    throw new Error(
      `Integration tests need the local services, and these do not answer:\n  ${down.join("\n  ")}\n` +
        "Start them with `npx -y pnpm@10.34.8 services up` (status: `pnpm services status`).",
    );
  }
  // The page tests drive Debian's chromium: installed here, once, when missing.
  ensureChromium();
}
