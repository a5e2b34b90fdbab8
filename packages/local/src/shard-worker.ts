// One worker of `pnpm start`'s shard pool (what a shard Lambda is, deployed): started once and
// kept warm, it gets the generator's settings and then shard jobs over the IPC channel.
import { createGenerator, type GeneratorSettings } from "@gg/traffic/generator";
import { serveShardJobs } from "@gg/traffic/shards";

serveShardJobs(async (init) => {
  const generator = createGenerator(init as GeneratorSettings);
  await generator.warmUp();
  return { handle: (job) => generator.handleShard(job), close: () => generator.close() };
});
