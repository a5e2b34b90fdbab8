import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { installSst, typecheck } from "../../../infra/scripts/typecheck";

// `sst install` (offline, cached) writes SST's real component sources into .sst/platform/; tsc
// then checks sst.config.ts and infra/ against them. The second test proves the check can fail.
const root = resolve(import.meta.dirname, "../../..");
const SLOW = 400_000;

describe("SST config type-check", () => {
  beforeAll(async () => {
    const install = await installSst(root);
    console.log(`sst install: ${install.ms} ms`);
    if (!install.ok) throw new Error(`sst install failed:\n${install.output}`);
  }, SLOW);

  it(
    "passes for sst.config.ts and infra/",
    async () => {
      const result = await typecheck(root);
      console.log(`tsc -p infra/tsconfig.json: ${result.ms} ms`);
      expect(result.output).toBe("");
      expect(result.ok).toBe(true);
    },
    SLOW,
  );

  it(
    "fails on a wrong component argument",
    async () => {
      // A copy of infra/vpc.ts with a NAT mode SST does not have, checked in a throw-away project
      // beside the platform (gitignored), so nothing in the work tree changes.
      const dir = join(root, `.sst/verify-wrong-arg-${process.pid}`);
      mkdirSync(dir, { recursive: true });
      try {
        const vpc = readFileSync(join(root, "infra/vpc.ts"), "utf8");
        const wrong = vpc
          .replace(/nat: privateNetwork \? "ec2"/, 'nat: privateNetwork ? "gateway"')
          .replace('from "./network"', 'from "../../infra/network"');
        expect(wrong).not.toBe(vpc);
        writeFileSync(join(dir, "wrong-vpc.ts"), wrong);
        writeFileSync(
          join(dir, "tsconfig.json"),
          JSON.stringify({
            extends: "../../infra/tsconfig.json",
            compilerOptions: { incremental: false },
            include: ["../../sst.config.ts", "./wrong-vpc.ts"],
          }),
        );
        const result = await typecheck(root, join(dir, "tsconfig.json"));
        console.log(`tsc on the wrong argument: ${result.ms} ms\n${result.output}`);
        expect(result.ok).toBe(false);
        const errors = result.output.split("\n").filter((line) => /error TS\d+/.test(line));
        expect(errors).toHaveLength(1);
        expect(errors[0]).toMatch(
          /wrong-vpc\.ts\(\d+,\d+\): error TS2322: Type '"gateway"( \| undefined)?'/,
        );
      } finally {
        rmSync(dir, { recursive: true, force: true });
      }
    },
    SLOW,
  );
});
