import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadConfig } from "@gg/services";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { installSst, type StepResult, typecheck } from "../../../infra/scripts/typecheck";

// `sst install` (offline, cached) writes SST's real component sources into .sst/platform/; tsc
// then checks sst.config.ts and infra/ against them. One tsc run serves both tests (it is the
// suite's costliest CPU): a throw-away project (gitignored, beside the platform) holds everything
// infra/tsconfig.json checks plus a copy of infra/vpc.ts with a NAT mode SST does not have, so
// the run must report exactly that one error: infra/ passes, and the check can fail.
const root = resolve(import.meta.dirname, "../../..");
// The platform's packages are kept in the services' cache, as `pnpm emulate` keeps them.
const { cacheDir } = loadConfig(process.env, process.getuid?.() ?? -1);
const SLOW = 400_000;
const dir = join(root, `.sst/verify-wrong-arg-${process.pid}`);
let result: StepResult;
let errors: string[];

describe("SST config type-check", () => {
  beforeAll(async () => {
    const install = await installSst(root, cacheDir);
    console.log(`sst install: ${install.ms} ms`);
    if (!install.ok) throw new Error(`sst install failed:\n${install.output}`);
    mkdirSync(dir, { recursive: true });
    const vpc = readFileSync(join(root, "infra/vpc.ts"), "utf8");
    const wrong = vpc
      .replace('nat: "ec2"', 'nat: "gateway"')
      .replace('from "./network"', 'from "../../infra/network"');
    expect(wrong).not.toBe(vpc);
    writeFileSync(join(dir, "wrong-vpc.ts"), wrong);
    writeFileSync(
      join(dir, "tsconfig.json"),
      JSON.stringify({
        extends: "../../infra/tsconfig.json",
        compilerOptions: { incremental: false },
        include: [
          "../../sst.config.ts",
          "../../infra/*.ts",
          "../../infra/scripts/*.ts",
          "./wrong-vpc.ts",
        ],
      }),
    );
    result = await typecheck(root, join(dir, "tsconfig.json"));
    console.log(`tsc over infra/ and the wrong argument: ${result.ms} ms\n${result.output}`);
    errors = result.output.split("\n").filter((line) => /error TS\d+/.test(line));
  }, SLOW);

  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("passes for sst.config.ts and infra/", () => {
    expect(errors.filter((line) => !line.includes("wrong-vpc.ts"))).toEqual([]);
  });

  it("fails on a wrong component argument", () => {
    expect(result.ok).toBe(false);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      /wrong-vpc\.ts\(\d+,\d+\): error TS2322: Type '"gateway"( \| undefined)?'/,
    );
  });
});
