// Offline verification of the SST app: `npx tsx infra/scripts/verify.ts`.
// 1. sst install (cached), 2. tsc against SST's real component types, 3. each handler named in
// infra/ resolved, bundled as `sst deploy` bundles it, and imported with its links faked.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { BUNDLE_LIMITS, bundleLikeSst } from "./bundle";
import { linkedEnvironment } from "./fake-resources";
import { listHandlers } from "./handlers";
import { importBundle } from "./import-bundle";
import { installSst, typecheck } from "./typecheck";

const root = resolve(import.meta.dirname, "../..");
let failed = false;

const install = await installSst(root);
console.log(`sst install: ${install.ok ? "ok" : "FAILED"} in ${install.ms} ms`);
if (!install.ok) {
  console.log(install.output);
  process.exit(1);
}
const check = await typecheck(root);
console.log(`tsc -p infra/tsconfig.json: ${check.ok ? "ok" : "FAILED"} in ${check.ms} ms`);
if (!check.ok) {
  console.log(check.output);
  failed = true;
}

const out = mkdtempSync(join(tmpdir(), "gg-bundles-"));
const rows: Record<string, string | number>[] = [];
for (const ref of listHandlers(root)) {
  if (!ref.file) {
    rows.push({ handler: ref.handler, status: "MISSING FILE" });
    failed = true;
    continue;
  }
  const bundle = await bundleLikeSst(ref.file, join(out, ref.handler));
  const imported = await importBundle(
    bundle.file,
    ref.exportName,
    linkedEnvironment(ref.handler, ref.links),
  );
  // The same per-handler limits as the handlers test (a flat 1.5 MB predates the coordinator).
  const limit = BUNDLE_LIMITS.get(ref.handler) ?? Number.POSITIVE_INFINITY;
  const ok = imported.exportType === "function" && bundle.bytes < limit;
  failed ||= !ok;
  rows.push({
    handler: ref.handler,
    links: ref.links.join(" "),
    "KiB (minified)": Math.round(bundle.bytes / 102.4) / 10,
    export: imported.exportType ?? `import failed: ${imported.error?.split("\n")[0]}`,
    status: ok ? "ok" : "FAILED",
  });
}
console.table(rows);
rmSync(out, { recursive: true, force: true });
process.exit(failed ? 1 : 0);
