// Prints infra/README.md's monthly cost table of staging (a stage without NAT at 150 events/h,
// its generator woken in windows): `npx tsx infra/scripts/cost-table.ts`.
import { costTable, stagingLines } from "../cost-plan";

console.log(costTable(stagingLines()));
