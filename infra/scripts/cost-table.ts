// Prints infra/README.md's monthly cost table of a stage without NAT at 150 events/h:
// `npx tsx infra/scripts/cost-table.ts [concurrent generator invocations] [generator MB]`
// (default 1 × 256 MB: one invocation per minute, alive ~60 s).
import { costTable, generatorLine, publicStageLines } from "../cost-plan";

const [concurrent = 1, memoryMb = 256] = process.argv.slice(2).map(Number);
console.log(costTable([...publicStageLines(), generatorLine({ concurrent, memoryMb })]));
