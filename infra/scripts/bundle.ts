import { statSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";

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

/** Bundle one handler file exactly as `sst deploy` would, into `outdir`. */
export async function bundleLikeSst(entry: string, outdir: string): Promise<BundleResult> {
  const file = join(outdir, "bundle.mjs");
  const result = await build({
    ...SST_ESBUILD_OPTIONS,
    mainFields: [...SST_ESBUILD_OPTIONS.mainFields],
    external: [...SST_ESBUILD_OPTIONS.external],
    entryPoints: [entry],
    outfile: file,
    metafile: true,
    write: true,
    logLevel: "silent",
  });
  const output = Object.entries(result.metafile.outputs).find(([path]) => path.endsWith(".mjs"));
  return {
    file,
    bytes: statSync(file).size,
    exports: output?.[1].exports ?? [],
    inputs: Object.keys(result.metafile.inputs),
  };
}
