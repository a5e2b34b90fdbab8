import { api } from "./api";
import { capacity } from "./capacity";
import { database } from "./database";
import { kafka } from "./kafka";
import { lambdaDefaults } from "./lambda";
import { apiKey } from "./secrets";

// One shard of a minute too large for one invocation (above GENERATOR_SHARD_RATE): the generator
// invokes N of these asynchronously 20 s before the minute (each plans its slice and waits), then
// each fires the events i mod N = shard of the same plan: the timeout covers the lead, the minute,
// its 10 s retry grace and a last request's 10 s. No async retries: the shard's claim makes a
// retry fire nothing, and a late retry could only fire late; a lost shard shows in its minute's
// row as unaccounted events instead.
export const generatorShard = new sst.aws.Function("GeneratorShard", {
  ...lambdaDefaults,
  handler: "functions/generator-shard.handler",
  memory: "256 MB",
  timeout: "120 seconds",
  retries: 0,
  // Capacity: the shard fires under the same minute ceiling as the generator that split it.
  link: [api, database, kafka, apiKey, capacity],
  copyFiles: [
    ...lambdaDefaults.copyFiles,
    { from: "packages/traffic/assets/food11", to: "food11" },
  ],
});
