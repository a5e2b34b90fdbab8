import { createHash } from "node:crypto";
import { cpSync, mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import { bundleLikeSst } from "../../../infra/scripts/bundle";
import { resolveHandler } from "../../../infra/scripts/handlers";
import type { FunctionPlan } from "./plan";
import { listFiles, zip } from "./zip";

export interface CodePackage {
  zip: Buffer;
  /** Base64 SHA-256 of the zip, as Lambda reports CodeSha256. */
  sha256: string;
}

/**
 * The function's code as `sst deploy` uploads it: the handler bundled with SST's esbuild options
 * (infra/scripts/bundle.ts) as bundle.mjs, plus its copyFiles; source maps stay out, as SST
 * uploads them apart.
 */
export async function packageFunction(
  root: string,
  fn: FunctionPlan,
  workDir: string,
): Promise<CodePackage> {
  const ref = resolveHandler(root, fn.source, "infra");
  if (!ref.file) throw new Error(`${fn.source}: no source file`);
  const out = join(workDir, fn.logical);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  await bundleLikeSst(ref.file, out);
  for (const copy of fn.copyFiles) cpSync(copy.from, join(out, copy.to), { recursive: true });
  const bytes = zip(listFiles(out).filter(([name]) => !name.endsWith(".map")));
  return { zip: bytes, sha256: createHash("sha256").update(bytes).digest("base64") };
}
