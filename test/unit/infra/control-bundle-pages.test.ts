// The control function's pages work from its bundle alone: bundled as `sst deploy` bundles it
// (bundle.mjs and nothing beside it), imported cold in a fresh Node with its links faked, and
// called with Function URL events, it serves /dashboard and every file the pages load, with
// the bytes of their sources. Nothing here reaches a service: the pages are public.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { pathToFileURL } from "node:url";
import { gunzipSync } from "node:zlib";
import { afterAll, expect, it } from "vitest";
import { bundleLikeSst } from "../../../infra/scripts/bundle";
import { runChild } from "../../../infra/scripts/child";
import { linkedEnvironment } from "../../../infra/scripts/fake-resources";
import { listHandlers } from "../../../infra/scripts/handlers";
import { PACK_SOURCES } from "../../../packages/control/src/static/sources";
import { httpApiV2Event } from "../../support/lambda";

const root = resolve(import.meta.dirname, "../../..");
const out = mkdtempSync(join(tmpdir(), "gg-control-pages-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

const PATHS = [
  ...PACK_SOURCES.dashboard.map((s) => ({ path: `/dashboard/assets/${s.name}`, source: s })),
  ...PACK_SOURCES.docs.map((s) => ({ path: `/docs/assets/${s.name}`, source: s })),
  { path: "/dashboard", source: PACK_SOURCES.dashboard[0]! },
  { path: "/docs", source: PACK_SOURCES.docs[0]! },
];

it("the bundled control handler serves the dashboard and /docs with no file beside it", async () => {
  const ref = listHandlers(root).find((h) => h.handler === "functions/control.handler")!;
  const bundle = await bundleLikeSst(ref.file!, out);
  const events = await Promise.all(
    PATHS.map(({ path }) =>
      httpApiV2Event(
        new Request(`https://abc123.lambda-url.us-east-1.on.aws${path}`, {
          headers: { "accept-encoding": "gzip, deflate, br" },
        }),
      ),
    ),
  );
  const script = `
    const { handler } = await import(${JSON.stringify(pathToFileURL(bundle.file).href)});
    const events = JSON.parse(process.argv[1]);
    const results = [];
    for (const e of events) results.push(await handler(e, { getRemainingTimeInMillis: () => 30000 }));
    // A pipe is written asynchronously: exit only once the whole line is out.
    process.stdout.write(JSON.stringify(results) + String.fromCharCode(10), () => process.exit(0));`;
  const child = await runChild(
    process.execPath,
    ["--input-type=module", "-e", script, JSON.stringify(events)],
    {
      env: { PATH: process.env.PATH ?? "", ...linkedEnvironment(ref.handler, ref.links) },
      timeout: 30_000,
    },
  );
  const line = child.stdout.trim().split("\n").at(-1) ?? "";
  expect(line, child.stderr).toMatch(/^\[/);
  const results = JSON.parse(line) as {
    statusCode: number;
    headers: Record<string, string>;
    body: string;
    isBase64Encoded: boolean;
  }[];
  for (const [i, { path, source }] of PATHS.entries()) {
    const r = results[i]!;
    expect(r.statusCode, path).toBe(200);
    expect(r.headers["content-type"], path).toBe(source.type);
    expect(r.headers["content-encoding"], path).toBe("gzip");
    expect(r.isBase64Encoded, path).toBe(true);
    const served = gunzipSync(Buffer.from(r.body, "base64")).toString("utf8");
    const original = readFileSync(source.file, "utf8").replace(
      /\n\/[/*]# sourceMappingURL=\S+(?: \*\/)?\s*$/,
      "\n",
    );
    expect(served === original, `${path} is its source`).toBe(true);
  }
  console.log(`control bundle: ${bundle.bytes} bytes, pages served from it alone`);
}, 120_000);
