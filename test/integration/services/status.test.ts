import { describe, expect, it } from "vitest";
import { runCli } from "./run-cli";

interface Row {
  name: string;
  running: boolean;
  address: string;
  version?: string;
}

describe("pnpm services status", () => {
  it("reports all three services running, with their versions", async () => {
    const { code, stdout, stderr } = await runCli(["status", "--json"]);
    expect(stderr).toBe("");
    expect(code).toBe(0);
    const rows = JSON.parse(stdout) as Row[];
    const byName = Object.fromEntries(rows.map((r) => [r.name, r]));
    expect(Object.keys(byName).sort()).toEqual(["kafka", "localstack", "postgres"]);
    for (const row of rows) expect(row.running, row.name).toBe(true);
    expect(byName.postgres?.version).toMatch(/^PostgreSQL 17\.\d+/);
    expect(byName.kafka?.version).toMatch(/^Apache Kafka/);
    expect(byName.localstack?.version).toMatch(/^LocalStack 4\.\d+/);
  });

  it("prints one aligned line per service", async () => {
    const { stdout } = await runCli(["status"]);
    const lines = stdout.split("\n");
    for (const name of ["postgres", "kafka", "localstack"]) {
      const line = lines.find((l) => l.startsWith(`${name} `));
      expect(line, stdout).toMatch(/ running +127\.0\.0\.1:\d+ +\S+ \S+/);
    }
  });
});
