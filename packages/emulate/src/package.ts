import { createHash, randomUUID } from "node:crypto";
import {
  cpSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { join, resolve } from "node:path";
import { bundleLikeSst } from "../../../infra/scripts/bundle";
import { resolveHandler } from "../../../infra/scripts/handlers";
import type { FunctionPlan } from "./plan";
import { listFiles, zip } from "./zip";

export interface CodePackage {
  zip: Buffer;
  /** Base64 SHA-256 of the zip, as Lambda reports CodeSha256. */
  sha256: string;
}

/** Size and mtime of every file that went into a package: unchanged means the same zip. */
function signature(files: string[]): string {
  const hash = createHash("sha256");
  for (const file of [...files].sort()) {
    const s = statSync(file, { throwIfNoEntry: false });
    hash.update(`${file}\0${s ? `${s.size}:${s.mtimeMs}` : "-"}\0`);
  }
  return hash.digest("hex");
}

// A copyFiles entry is a folder (the Food-11 sample, the migrations) or one file (the RDS CA).
const copiedFiles = (fn: FunctionPlan) =>
  fn.copyFiles.flatMap((c) =>
    statSync(c.from).isDirectory() ? listFiles(c.from).map(([, abs]) => abs) : [c.from],
  );

/**
 * The function's code as `sst deploy` uploads it: the handler bundled with SST's esbuild options
 * (infra/scripts/bundle.ts) as bundle.mjs, plus its copyFiles; source maps stay out, as SST
 * uploads them apart. Cached in `workDir` by the size and mtime of every input esbuild read, so
 * an `up` with no code change bundles nothing (bundling is most of a warm `up` otherwise).
 */
export async function packageFunction(
  root: string,
  fn: FunctionPlan,
  workDir: string,
): Promise<CodePackage> {
  const dir = join(workDir, fn.logical);
  const cached = join(dir, "code.zip");
  const inputsFile = join(dir, "inputs.json");
  try {
    const previous = JSON.parse(readFileSync(inputsFile, "utf8")) as {
      source: string;
      inputs: string[];
      signature: string;
    };
    const files = [...previous.inputs, ...copiedFiles(fn)];
    if (previous.source === fn.source && previous.signature === signature(files)) {
      const bytes = readFileSync(cached);
      return { zip: bytes, sha256: createHash("sha256").update(bytes).digest("base64") };
    }
  } catch {
    // No cache yet (or a broken one): bundle.
  }
  const ref = resolveHandler(root, fn.source, "infra");
  if (!ref.file) throw new Error(`${fn.source}: no source file`);
  // Its own folder and temporary files: two `up`s of two stages may package one function at once.
  const unique = `${process.pid}.${randomUUID().slice(0, 8)}`;
  const out = join(dir, `out.${unique}`);
  mkdirSync(out, { recursive: true });
  try {
    const bundle = await bundleLikeSst(ref.file, out);
    for (const copy of fn.copyFiles) cpSync(copy.from, join(out, copy.to), { recursive: true });
    const bytes = zip(listFiles(out).filter(([name]) => !name.endsWith(".map")));
    const inputs = bundle.inputs.map((f) => resolve(f));
    const record = {
      source: fn.source,
      inputs,
      signature: signature([...inputs, ...copiedFiles(fn)]),
    };
    writeFileSync(`${cached}.${unique}`, bytes);
    renameSync(`${cached}.${unique}`, cached);
    writeFileSync(`${inputsFile}.${unique}`, JSON.stringify(record));
    renameSync(`${inputsFile}.${unique}`, inputsFile);
    return { zip: bytes, sha256: createHash("sha256").update(bytes).digest("base64") };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}
