import { describe, expect, it } from "vitest";
import { migrateTriggers } from "../../../infra/migrate-triggers";

// The migrate invocation re-runs exactly when one of its triggers changes: the SQL files, the
// Kafka cluster or principal, the partition count, the topic names; a rotated password is not one.
const kafka = {
  brokers: ["b-1:9096", "b-2:9096"],
  ssl: true,
  mechanism: "scram-sha-512",
  username: "gg",
};
const base = migrateTriggers("sql-1", kafka, 3);

describe("migrateTriggers", () => {
  it("changes with the SQL, the cluster, the principal, TLS, the mechanism and the partitions", () => {
    const changed = [
      migrateTriggers("sql-2", kafka, 3),
      migrateTriggers("sql-1", { ...kafka, brokers: ["b-3:9096"] }, 3),
      migrateTriggers("sql-1", { ...kafka, username: "other" }, 3),
      migrateTriggers("sql-1", { ...kafka, ssl: false }, 3),
      migrateTriggers("sql-1", { ...kafka, mechanism: "plain" }, 3),
      migrateTriggers("sql-1", kafka, 6),
    ];
    for (const t of changed) expect(t).not.toEqual(base);
  });

  it("is stable: broker order does not matter, and no secret lands in the state", () => {
    const reordered = migrateTriggers("sql-1", { ...kafka, brokers: ["b-2:9096", "b-1:9096"] }, 3);
    expect(reordered).toEqual(base);
    expect(JSON.stringify(base)).not.toContain("b-1");
    expect(base.kafka).toMatch(/^[0-9a-f]{64}$/);
    expect(base.topics.split(",")).toHaveLength(4);
  });
});
