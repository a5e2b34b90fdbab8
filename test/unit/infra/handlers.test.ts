import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { BUNDLE_LIMITS, bundleLikeSst } from "../../../infra/scripts/bundle";
import { linkedEnvironment } from "../../../infra/scripts/fake-resources";
import { listHandlers } from "../../../infra/scripts/handlers";
import { importBundle } from "../../../infra/scripts/import-bundle";

// Every `handler: "functions/x.handler"` named in infra/ must exist, bundle the way `sst deploy`
// bundles it (esm, es2023, minified, aws-sdk included), and, imported cold with only the links
// infra/ gives that function, export a function of that name. Every size is printed; the limits
// (infra/scripts/bundle.ts BUNDLE_LIMITS) hold for the bundles that carry the traffic.
const root = resolve(import.meta.dirname, "../../..");
const handlers = listHandlers(root);
const out = mkdtempSync(join(tmpdir(), "gg-bundles-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("handlers named in infra/", () => {
  it("include the API, control, relay, generator, generator shard, wake and migrate functions", () => {
    expect(handlers.map((h) => h.handler).sort()).toEqual([
      "functions/api.handler",
      "functions/control.handler",
      "functions/generator-shard.handler",
      "functions/generator-wake.handler",
      "functions/generator.handler",
      "functions/migrate.handler",
      "functions/relay.handler",
    ]);
  });

  it.each(handlers.map((h) => [h.handler, h] as const))(
    "%s resolves, bundles (within its size limit) and exports a function",
    async (_, ref) => {
      expect(
        ref.file,
        `${ref.handler} (named in ${ref.declaredIn}) has no source file`,
      ).toBeDefined();
      const bundle = await bundleLikeSst(ref.file!, join(out, ref.handler));
      console.log(
        `${ref.handler}: ${bundle.bytes} bytes minified (${(bundle.bytes / 1048576).toFixed(3)} MiB)`,
      );
      expect(bundle.exports).toContain(ref.exportName);
      // The Lambda SDK ships in the coordinator's bundle (shard invokes) and the control plane's
      // (its kick of the generator) only: not in the API's or a shard's, which start cold.
      const lambdaSdk = bundle.inputs.some((f) => f.includes("@aws-sdk/client-lambda"));
      expect(lambdaSdk, `${ref.handler}: Lambda SDK in the bundle`).toBe(
        ref.handler === "functions/generator.handler" ||
          ref.handler === "functions/control.handler",
      );
      const limit = BUNDLE_LIMITS.get(ref.handler);
      if (limit) expect(bundle.bytes).toBeLessThan(limit);
      const imported = await importBundle(
        bundle.file,
        ref.exportName,
        linkedEnvironment(ref.handler, ref.links),
      );
      expect(imported.error, `links: ${ref.links.join(", ")}`).toBeUndefined();
      expect(imported.exportType).toBe("function");
    },
    120_000,
  );
});
