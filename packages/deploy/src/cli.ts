// `pnpm deploy:check --stage <stage>` and `pnpm run deploy --stage <stage> [--force]`: the
// preflight prints one ✓/✗ line per check (with the fix); deploy runs it, then `sst deploy`.
import { spawnSync } from "node:child_process";
import { resolve } from "node:path";
import { runCli } from "@gg/core/cli";
import { mockDeploy } from "../../../infra/scripts/mock-deploy";
import { installSst } from "../../../infra/scripts/typecheck";
import { createClients } from "./aws/clients";
import { loadConfig } from "./config";
import { formatLine } from "./report";
import { runChecks } from "./run-checks";
import { stageNeeds } from "./stage-needs";

const root = resolve(import.meta.dirname, "../../..");
const sst = (args: string[]) =>
  spawnSync(resolve(root, "node_modules/.bin/sst"), args, { cwd: root, stdio: "inherit" }).status ??
  1;

/**
 * The resources sst.config.ts declares for the stage now, from the Pulumi-mock evaluation (no AWS,
 * no engine). Secret values do not change which resources exist, so stand-ins do.
 */
async function planned(stage: string) {
  const install = await installSst(root);
  if (!install.ok) throw new Error(`sst install failed:\n${install.output}`);
  const d = await mockDeploy(root, stage, { KafkaBrokers: "preflight.invalid:9096", ApiKey: "-" });
  return d.resources;
}

async function main(): Promise<number> {
  const config = loadConfig(process.argv.slice(2), process.env);
  const needs = stageNeeds(config.stage);
  console.log(
    `deploy:check ${config.stage} in ${needs.region} (${needs.privateNetwork ? "private, NAT" : "public, no NAT"})`,
  );
  const results = await runChecks(
    createClients(config.aws),
    needs,
    { ...config, planned: () => planned(config.stage) },
    (r) => console.log(formatLine(r)),
  );
  const failed = results.filter((r) => !r.ok).length;
  if (config.diff && results[0]?.ok) sst(["diff", "--stage", config.stage]);
  if (config.command === "check") return failed > 0 ? 1 : 0;
  if (failed > 0 && !config.force) {
    console.log(
      `not deploying: ${failed} check(s) failed. Fix them, or pass --force to deploy anyway.`,
    );
    return 1;
  }
  return sst(["deploy", "--stage", config.stage]);
}

runCli(main, (e) => {
  console.error((e as Error).message);
  return 2;
});
