// Prints infra/README.md's monthly cost table of a stage without NAT at 150 events/h:
// `npx tsx infra/scripts/cost-table.ts [concurrent generator invocations] [generator MB]`
// (default: STAGING_GENERATOR, the holder of issue #16 at the configured memory).
import { costTable, generatorLine, publicStageLines, STAGING_GENERATOR } from "../cost-plan";

const [concurrent, memoryMb] = process.argv.slice(2).map(Number);
const generator =
  concurrent === undefined
    ? STAGING_GENERATOR
    : { concurrent, memoryMb: memoryMb ?? STAGING_GENERATOR.memoryMb };
console.log(costTable([...publicStageLines(), generatorLine(generator)]));
