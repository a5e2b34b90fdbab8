import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createRandom } from "@gg/core/random";
import { createFolderStore } from "@gg/core/storage";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const SEED = Number(process.env.TEST_SEED ?? 20261125);

describe(`folder store (seed ${SEED})`, () => {
  let root = "";
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), "gg-store-"));
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  it("puts, gets (bytes and content type), presigns and deletes", async () => {
    const store = createFolderStore({ root, publicBaseUrl: "http://localhost:8000/files/" });
    await store.ensureBucket();
    await store.ping();
    const r = createRandom(SEED, "bytes");
    const body = Uint8Array.from({ length: 4096 }, () => r.int(0, 255));
    const { url } = await store.put("images/a b.jpg", body, "image/jpeg");
    expect(url).toMatch(/^file:\/\//);
    expect(await store.get("images/a b.jpg")).toEqual({ body, contentType: "image/jpeg" });
    expect(await store.presign("images/a b.jpg", 60)).toBe(
      "http://localhost:8000/files/images/a%20b.jpg",
    );
    expect((await readdir(join(root, "images"))).sort()).toEqual(["a b.jpg"]);
    await store.delete("images/a b.jpg");
    expect(await store.get("images/a b.jpg")).toBeNull();
    await store.delete("images/a b.jpg"); // deleting twice is fine
  });

  it.each(["../escape.jpg", "/abs.jpg", ".meta/x.json", "a//b", ""])(
    "refuses key %j",
    async (key) => {
      const store = createFolderStore({ root });
      await expect(store.put(key, new Uint8Array([1]), "image/png")).rejects.toMatchObject({
        code: "INVALID_INPUT",
      });
    },
  );

  it("reports a missing folder as UNAVAILABLE", async () => {
    const store = createFolderStore({ root: join(root, "missing") });
    await expect(store.ping()).rejects.toMatchObject({ code: "UNAVAILABLE", retriable: true });
  });
});
