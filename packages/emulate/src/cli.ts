/**
 * `pnpm emulate up | down | status`: the deployed topology (sst.config.ts evaluated under Pulumi's
 * mocks) as real Lambda functions, Function URLs and rules on the local LocalStack.
 */

import { runCli } from "@gg/core/cli";
import { loadEmulateConfig } from "./config";
import { down } from "./down";
import { status } from "./status";
import { up } from "./up";

const usage = "usage: pnpm emulate up|down|status   (GG_EMULATE_STAGE, default local)";

async function main(command: string | undefined): Promise<number> {
  const config = loadEmulateConfig(process.env, process.getuid?.() ?? -1);
  switch (command) {
    case "up": {
      const started = performance.now();
      const deployed = await up(config);
      console.log(
        `emulate up (stage ${config.stage}) in ${((performance.now() - started) / 1000).toFixed(1)}s`,
      );
      for (const [name, url] of Object.entries(deployed.urls)) console.log(`${name}: ${url}`);
      return 0;
    }
    case "down":
      await down(config);
      return 0;
    case "status":
      return (await status(config)) ? 0 : 3;
    default:
      console.error(usage);
      return 2;
  }
}

runCli(
  () => main(process.argv[2]),
  (error) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  },
);
