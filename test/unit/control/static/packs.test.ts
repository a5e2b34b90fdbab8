// The generated packs are what the pages serve, in every runtime: they must be the sources as they
// are now (a client file edited without `npx tsx scripts/build-static.ts` fails here), and each
// file must come back byte for byte from the server, gzipped or not.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { dashboardPageRoutes } from "../../../../packages/control/src/dashboard/routes";
import { pack as dashboard } from "../../../../packages/control/src/static/generated/dashboard";
import { pack as docs } from "../../../../packages/control/src/static/generated/docs";
import { PACK_SOURCES } from "../../../../packages/control/src/static/sources";
import { buildPacks } from "../../../../scripts/build-static";

const built = buildPacks();

describe("static packs", () => {
  it.each([
    ["dashboard", dashboard],
    ["docs", docs],
  ] as const)("%s is current with its sources (else run scripts/build-static.ts)", (name, pack) => {
    const etags = (p: typeof pack) =>
      Object.fromEntries(Object.entries(p).map(([k, a]) => [k, a.etag]));
    expect(etags(pack)).toEqual(etags(built[name]));
  });

  it("serves each file as its source, gzipped to browsers, plain to the rest, 304 when fresh", async () => {
    const app = dashboardPageRoutes();
    for (const source of PACK_SOURCES.dashboard) {
      const original = readFileSync(source.file, "utf8").replace(
        /\n\/[/*]# sourceMappingURL=\S+(?: \*\/)?\s*$/,
        "\n",
      );
      const gz = await app.request(`/dashboard/assets/${source.name}`, {
        headers: { "accept-encoding": "gzip, br" },
      });
      expect(gz.headers.get("content-encoding")).toBe("gzip");
      expect(gz.headers.get("content-type")).toBe(source.type);
      expect(gunzipSync(Buffer.from(await gz.arrayBuffer())).toString("utf8")).toBe(original);
      const plain = await app.request(`/dashboard/assets/${source.name}`);
      expect(plain.headers.get("content-encoding")).toBeNull();
      expect(await plain.text()).toBe(original);
      const again = await app.request(`/dashboard/assets/${source.name}`, {
        headers: { "if-none-match": gz.headers.get("etag") ?? "" },
      });
      expect(again.status).toBe(304);
    }
    expect((await app.request("/dashboard/assets/nope.js")).status).toBe(404);
    expect((await app.request("/dashboard/assets/constructor")).status).toBe(404);
  });

  it("carries no reference to a CDN or any other host", () => {
    for (const [name, a] of Object.entries({ ...dashboard, ...docs })) {
      if (!a.type.startsWith("text/html")) continue;
      const html = gunzipSync(Buffer.from(a.gzip, "base64")).toString("utf8");
      expect(html, name).not.toMatch(/(src|href)="(https?:)?\/\//);
    }
  });
});
