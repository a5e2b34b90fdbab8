/**
 * `pnpm services up|down|status|migrate [postgres|kafka|localstack ...] [--json]`: installs and
 * runs the real Postgres, Kafka and LocalStack on 127.0.0.1, with no Docker.
 */
import { performance } from "node:perf_hooks";
import { runCli } from "@gg/core/cli";
import { down, envLines, formatStatus, status, up } from "./commands";
import { loadConfig } from "./config";
import { logger } from "./log";
import { postgres } from "./postgres";
import { pick } from "./registry";

const usage = "usage: services up|down|status|migrate [postgres|kafka|localstack ...] [--json]";

async function main(argv: string[]): Promise<number> {
  const config = loadConfig(process.env, process.getuid?.() ?? -1);
  const [command, ...rest] = argv;
  const json = rest.includes("--json");
  const selected = pick(rest.filter((a) => a !== "--json"));
  switch (command) {
    case "up": {
      const failures = await up(selected, config);
      const took = `${(performance.now() / 1000).toFixed(1)}s`;
      if (failures.length) {
        for (const f of failures) console.error(`error: ${f.message}`);
        console.error(`services up failed after ${took}`);
        return 1;
      }
      console.log(`services up in ${took}. Connection env:`);
      for (const line of envLines(config)) console.log(`  ${line}`);
      return 0;
    }
    case "down": {
      const held = await down(selected, config);
      if (held.length)
        console.log(`still listening (not started by this tool): ${held.join(", ")}`);
      return 0;
    }
    case "status": {
      const rows = await status(selected, config);
      if (json) console.log(JSON.stringify(rows, null, 2));
      else for (const line of formatStatus(rows, config)) console.log(line);
      return rows.every((r) => r.running) ? 0 : 3;
    }
    case "migrate": {
      // For servers this tool did not start (docker compose): create the database and migrate.
      await postgres.prepare?.(config, logger("postgres"));
      return 0;
    }
    default:
      console.error(usage);
      return 2;
  }
}

runCli(
  () => main(process.argv.slice(2)),
  (error) => {
    console.error(`error: ${error instanceof Error ? error.message : String(error)}`);
    return 1;
  },
);
