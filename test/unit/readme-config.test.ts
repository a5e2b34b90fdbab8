import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { describe, expect, it } from "vitest";

// Every variable an entry reads is in the README's configuration table. The modules below are the
// only readers of the environment (each deployable's config module and the parsers they call).
const root = resolve(import.meta.dirname, "../..");
const READERS = [
  "functions/config.ts",
  "packages/api/src/env.ts",
  "packages/control/src/env.ts",
  "packages/core/src/kafka/clickstream-topics.ts",
  "packages/core/src/kafka/connection.ts",
  "packages/core/src/services/index.ts",
  "packages/deploy/src/config.ts",
  "packages/emulate/src/config.ts",
  "packages/local/src/config.ts",
  "packages/services/src/config.ts",
  "packages/traffic/src/cli/firehose/config.ts",
  "packages/traffic/src/cli/generate/config.ts",
  "packages/traffic/src/generator/env.ts",
  "packages/traffic/src/scenarios/index.ts",
];

/** Variable names a module reads: `read(env, "X")`-style literals, `env.X`, zod `X: z.` keys. */
function readsOf(source: string): string[] {
  const names = new Set<string>();
  for (const re of [
    /"([A-Z][A-Z0-9]*_[A-Z0-9_]+)"/g,
    /\benv\.([A-Z][A-Z0-9_]+)/g,
    /^\s+([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)*): z\./gm,
  ]) {
    for (const m of source.matchAll(re)) if (m[1]) names.add(m[1]);
  }
  return [...names];
}

function documented(): Set<string> {
  const readme = readFileSync(resolve(root, "README.md"), "utf8");
  const start = readme.indexOf("## Configuration");
  const section = readme.slice(start, readme.indexOf("\n## ", start + 1));
  return new Set([...section.matchAll(/`([A-Z][A-Z0-9_]*)\*?`/g)].map((m) => m[1] as string));
}

describe("README configuration table", () => {
  it("documents every variable any entry reads", () => {
    const table = documented();
    const missing = READERS.flatMap((file) =>
      readsOf(readFileSync(resolve(root, file), "utf8"))
        .filter(
          (name) => !table.has(name) && !(name.startsWith("SST_") && table.has("SST_RESOURCE_")),
        )
        .map((name) => `${name} (${file})`),
    );
    expect(missing).toEqual([]);
  });

  it("would notice one that is not", () => {
    expect(readsOf('const x = read(env, "GG_NEW_KNOB"); env.OTHER_ONE;')).toEqual([
      "GG_NEW_KNOB",
      "OTHER_ONE",
    ]);
    expect(documented().has("GG_NEW_KNOB")).toBe(false);
  });
});
