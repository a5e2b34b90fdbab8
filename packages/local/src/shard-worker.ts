// One shard of a split minute as a local worker process (what a shard Lambda is deployed):
// argv: <generator settings JSON> <shard job JSON>. Started by the local generator's coordinator.
import { createGenerator, type GeneratorSettings } from "@gg/traffic/generator";

const [settings, job] = process.argv.slice(2);
const generator = createGenerator(JSON.parse(settings ?? "{}") as GeneratorSettings);
try {
  await generator.handleShard(JSON.parse(job ?? "{}"));
} finally {
  await generator.close();
}
