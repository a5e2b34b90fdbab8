import { createHash } from "node:crypto";
import {
  copyFileSync,
  mkdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import { readFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import { build, version as esbuildVersion } from "esbuild";

// The options the SST CLI (v4.17, pkg/runtime/node/build.go) passes to esbuild for a Node
// function deployed with format "esm" and minify on, which infra/lambda.ts sets for every
// function. nodejs22.x maps to target es2023 there (not "node22"); aws-sdk v3 is NOT external,
// only sharp and pg-native are; the banner gives ESM bundles require/__filename/__dirname.
const SST_BANNER = [
  `import { createRequire as topLevelCreateRequire } from 'module';`,
  `const require = topLevelCreateRequire(import.meta.url);`,
  `import { fileURLToPath as topLevelFileUrlToPath, URL as topLevelURL } from "url"`,
  `const __filename = topLevelFileUrlToPath(import.meta.url)`,
  `const __dirname = topLevelFileUrlToPath(new topLevelURL(".", import.meta.url))`,
  "",
].join("\n");

export const SST_ESBUILD_OPTIONS = {
  platform: "node",
  format: "esm",
  target: "es2023",
  bundle: true,
  keepNames: true,
  mainFields: ["module", "main"],
  external: ["sharp", "pg-native"],
  sourcemap: "linked",
  minifyWhitespace: true,
  minifySyntax: true,
  minifyIdentifiers: true,
  banner: { js: SST_BANNER },
} as const;

const MB = 1024 * 1024;

/**
 * Size limits of the bundles that carry the traffic: 1.5 MB for the API (cold per request burst)
 * and the shard (cold per minute slice); 2 MB for the generator, the coordinator invoked once a
 * minute, which also carries @aws-sdk/client-lambda (~390 KB, its shard invokes). The control
 * plane bundles the data generators and docs and is called by hand: reported only, like relay
 * and migrate. Read by verify.ts and the handlers test.
 */
export const BUNDLE_LIMITS: ReadonlyMap<string, number> = new Map([
  ["functions/api.handler", 1.5 * MB],
  ["functions/generator-shard.handler", 1.5 * MB],
  ["functions/generator.handler", 2 * MB],
]);

export interface BundleResult {
  /** `<outdir>/bundle.mjs`, as SST names it. */
  file: string;
  /** Size of bundle.mjs in bytes (the linked source map is a separate file, not counted). */
  bytes: number;
  /** Export names of the bundle's entry module, from esbuild's metafile. */
  exports: string[];
  /** Every file esbuild read, relative to the working directory (from its metafile). */
  inputs: string[];
}

// Bundles already built from the same inputs, shared by everything in this clone that bundles a
// handler (the handlers test, `pnpm emulate up` on any stage, verify): one entry per handler and
// options, valid while every file esbuild read has the same content.
const CACHE = resolve(import.meta.dirname, "../../node_modules/.cache/gg-bundles");

interface CacheEntry {
  /** Absolute path and SHA-1 of every file esbuild read. */
  inputs: [path: string, sha1: string][];
  exports: string[];
  /** Where it was bundled: the source map names its sources relative to it. */
  outdir: string;
}

// Asynchronous: a bundle reads ~1,000 files, and a vitest worker's event loop must keep turning.
const sha1 = (file: string) =>
  readFile(file).then(
    (bytes) => createHash("sha1").update(bytes).digest("hex"),
    () => "-",
  );

/** Bundle one handler file exactly as `sst deploy` would, into `outdir`. */
export async function bundleLikeSst(entry: string, outdir: string): Promise<BundleResult> {
  const file = join(outdir, "bundle.mjs");
  const key = createHash("sha1")
    .update(JSON.stringify([resolve(entry), esbuildVersion, SST_ESBUILD_OPTIONS]))
    .digest("hex");
  const dir = join(CACHE, key);
  const cwd = process.cwd();
  const result = (entry: CacheEntry): BundleResult => ({
    file,
    bytes: statSync(file).size,
    exports: entry.exports,
    // As esbuild's metafile names them: relative to the working directory.
    inputs: entry.inputs.map(([path]) => relative(cwd, path)),
  });
  try {
    const cached = JSON.parse(readFileSync(join(dir, "entry.json"), "utf8")) as CacheEntry;
    const now = await Promise.all(cached.inputs.map(([path]) => sha1(path)));
    if (cached.inputs.every(([, hash], i) => now[i] === hash)) {
      mkdirSync(outdir, { recursive: true });
      copyFileSync(join(dir, "bundle.mjs"), file);
      const map = JSON.parse(readFileSync(join(dir, "bundle.mjs.map"), "utf8")) as {
        sources: string[];
      };
      map.sources = map.sources.map((s) => relative(resolve(outdir), resolve(cached.outdir, s)));
      writeFileSync(`${file}.map`, JSON.stringify(map));
      return result(cached);
    }
  } catch {
    // No entry yet, or a broken one: bundle.
  }
  const built = await build({
    ...SST_ESBUILD_OPTIONS,
    mainFields: [...SST_ESBUILD_OPTIONS.mainFields],
    external: [...SST_ESBUILD_OPTIONS.external],
    entryPoints: [entry],
    outfile: file,
    metafile: true,
    write: true,
    logLevel: "silent",
  });
  const output = Object.entries(built.metafile.outputs).find(([path]) => path.endsWith(".mjs"));
  const entryData: CacheEntry = {
    inputs: await Promise.all(
      Object.keys(built.metafile.inputs).map(async (path): Promise<[string, string]> => {
        const abs = resolve(cwd, path);
        return [abs, await sha1(abs)];
      }),
    ),
    exports: output?.[1].exports ?? [],
    outdir: resolve(outdir),
  };
  // Written beside the entry and renamed into place, so a concurrent reader sees all or nothing
  // (a stale entry is removed first: a non-empty directory is never replaced by a rename).
  const next = `${dir}.${process.pid}.${Date.now()}`;
  mkdirSync(next, { recursive: true });
  copyFileSync(file, join(next, "bundle.mjs"));
  copyFileSync(`${file}.map`, join(next, "bundle.mjs.map"));
  writeFileSync(join(next, "entry.json"), JSON.stringify(entryData));
  rmSync(dir, { recursive: true, force: true });
  try {
    renameSync(next, dir);
  } catch {
    // Another process cached the same bundle meanwhile.
    rmSync(next, { recursive: true, force: true });
  }
  return result(entryData);
}
