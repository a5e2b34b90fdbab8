// Packs the dashboard's and /docs' static files (ours and npm's) into generated TypeScript
// modules, so every runtime serves them alike: tsx, vitest, and the Lambda bundles esbuild makes
// as SST does (which carry no file beside bundle.mjs). Runs on `pnpm install` (postinstall); run
// it again after editing a client file: `npx tsx scripts/build-static.ts`.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { type AssetPack, packAsset, packModule } from "../packages/control/src/static/pack";
import { PACK_SOURCES, type PackName } from "../packages/control/src/static/sources";

/** Each pack built from its sources now. */
export function buildPacks(): Record<PackName, AssetPack> {
  const build = (name: PackName) =>
    Object.fromEntries(
      PACK_SOURCES[name].map((s) => [s.name, packAsset(readFileSync(s.file), s.type)]),
    );
  return { dashboard: build("dashboard"), docs: build("docs") };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const dir = fileURLToPath(new URL("../packages/control/src/static/generated/", import.meta.url));
  mkdirSync(dir, { recursive: true });
  for (const [name, pack] of Object.entries(buildPacks())) {
    writeFileSync(`${dir}${name}.ts`, packModule(pack, `PACK_SOURCES.${name}`));
    const gz = Object.values(pack).reduce((s, a) => s + Buffer.from(a.gzip, "base64").length, 0);
    console.log(`static pack ${name}: ${Object.keys(pack).length} files, ${gz} bytes gzipped`);
  }
}
