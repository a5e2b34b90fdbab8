import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { clusterId } from "@gg/services";
import { afterEach, describe, expect, it } from "vitest";

let dir = "";
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe("a local broker's cluster id", () => {
  it("is a Kafka Uuid that never starts with '-' (kafka-storage would take it for an option)", async () => {
    dir = mkdtempSync(join(tmpdir(), "gg-cluster-id-"));
    for (let i = 0; i < 400; i++) {
      rmSync(join(dir, "cluster-id"), { force: true });
      const id = await clusterId(dir);
      expect(id).toMatch(/^[A-Za-z0-9_][A-Za-z0-9_-]{21}$/);
    }
  });

  it("is minted once per data dir, and again over one minted with a leading '-'", async () => {
    dir = mkdtempSync(join(tmpdir(), "gg-cluster-id-"));
    writeFileSync(join(dir, "cluster-id"), "-lZ2lBXdSGS7m8cKq1F2Xg\n");
    const id = await clusterId(dir);
    expect(id.startsWith("-")).toBe(false);
    expect(await clusterId(dir)).toBe(id);
    expect(readFileSync(join(dir, "cluster-id"), "utf8").trim()).toBe(id);
  });
});
