import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { bundleLikeSst } from "../../../infra/scripts/bundle";

// bundleLikeSst keeps each bundle with the content hash of every file esbuild read: a second
// bundle of unchanged inputs is the same bundle, and a change in any input (not only the entry)
// bundles again.
const dir = mkdtempSync(join(tmpdir(), "gg-bundle-cache-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the handler bundle cache", () => {
  it("serves unchanged inputs from the cache and bundles again when an imported file changes", async () => {
    const entry = join(dir, "handler.ts");
    const dep = join(dir, "dep.ts");
    writeFileSync(entry, `import { word } from "./dep";\nexport const handler = () => word;\n`);
    writeFileSync(dep, `export const word = "first-${process.pid}";\n`);

    const first = await bundleLikeSst(entry, join(dir, "out1"));
    expect(readFileSync(first.file, "utf8")).toContain(`first-${process.pid}`);
    expect(first.exports).toEqual(["handler"]);

    const again = await bundleLikeSst(entry, join(dir, "out2"));
    expect(readFileSync(again.file, "utf8")).toBe(readFileSync(first.file, "utf8"));
    // Its source map names the same sources from the new folder.
    const sources = (file: string) =>
      (JSON.parse(readFileSync(`${file}.map`, "utf8")) as { sources: string[] }).sources;
    expect(sources(first.file)).toContain("../handler.ts");
    expect(sources(again.file)).toEqual(sources(first.file));
    const deeper = await bundleLikeSst(entry, join(dir, "a", "b"));
    expect(sources(deeper.file)).toContain("../../handler.ts");
    expect({ ...again, file: "" }).toEqual({ ...first, file: "" });

    writeFileSync(dep, `export const word = "second-${process.pid}";\n`);
    const changed = await bundleLikeSst(entry, join(dir, "out3"));
    const text = readFileSync(changed.file, "utf8");
    expect(text).toContain(`second-${process.pid}`);
    expect(text).not.toContain(`first-${process.pid}`);
  });
});
