// Prints infra/README.md's capacity table from infra/capacity-plan.ts:
// `npx tsx infra/scripts/capacity-table.ts [rates...]`.
import { capacityPlan } from "../capacity-plan";

const rates = process.argv.slice(2).map(Number);
const rows = (rates.length > 0 ? rates : [0.042, 1, 50, 140, 500, 1_000, 3_000, 10_000]).map((r) =>
  capacityPlan(r),
);
console.log(
  "| events/s | API reserved concurrency | generator shards | client connections | busy connections | RDS class (max_connections) | RDS Proxy | storage limit | partitions/topic | $/month idle | $/month at capacity 24/7 |",
);
console.log("| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |");
for (const p of rows) {
  console.log(
    `| ${p.eventsPerSecond.toLocaleString("en")} | ${p.apiConcurrency} | ${p.generatorShards} | ${p.apiConnections} | ${p.busyConnections} | db.${p.db.instance} (${p.db.maxConnections}) | ${p.db.proxy ? "yes" : "no"} | ${p.db.storageGb.toLocaleString("en")} GB | ${p.kafkaPartitions} | ${p.usdPerMonth.idle.toLocaleString("en")} | ${p.usdPerMonth.atCapacity.toLocaleString("en")} |`,
  );
}
