import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  bundledFood11Root,
  classifyPath,
  FOOD11_CATEGORIES,
  food11Index,
  readImage,
  scanFood11,
} from "@gg/traffic/gourmetgram/images";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const JPEG = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46, 0x49, 0x46]);
let tmp: string;

async function put(root: string, rel: string, bytes: Uint8Array = JPEG) {
  await mkdir(join(root, rel, ".."), { recursive: true });
  await writeFile(join(root, rel), bytes);
}

beforeAll(async () => {
  tmp = await mkdtemp(join(tmpdir(), "gg-food11-"));
});
afterAll(async () => {
  await rm(tmp, { recursive: true, force: true });
});

describe("Food-11 index", () => {
  it("reads the class-folder layout <split>/class_NN/*.jpg", async () => {
    const root = join(tmp, "classes");
    await put(root, "training/class_06/1.jpg");
    await put(root, "validation/class_00/7.JPG");
    await put(root, "evaluation/class_10/3.jpeg");
    await put(root, "training/class_11/1.jpg"); // no such class
    await put(root, "training/class_06/notes.txt");
    const index = await scanFood11(root);
    expect(index.entries).toEqual([
      { path: "evaluation/class_10/3.jpeg", classIndex: 10, category: "Vegetable/Fruit" },
      { path: "training/class_06/1.jpg", classIndex: 6, category: "Noodles/Pasta" },
      { path: "validation/class_00/7.JPG", classIndex: 0, category: "Bread" },
    ]);
  });

  it("reads the raw download's flat layout <split>/<class>_<n>.jpg", async () => {
    const root = join(tmp, "flat");
    await put(root, "training/1_120.jpg");
    await put(root, "evaluation/9_3.jpg");
    await put(root, "validation/10_0.jpg");
    await put(root, "validation/cover.jpg");
    const index = await scanFood11(root);
    expect(index.entries.map((e) => [e.path, e.category])).toEqual([
      ["evaluation/9_3.jpg", "Soup"],
      ["training/1_120.jpg", "Dairy product"],
      ["validation/10_0.jpg", "Vegetable/Fruit"],
    ]);
  });

  it("classifies paths by folder first, then by file prefix", () => {
    expect(classifyPath("training/class_03/5_1.jpg")).toBe(3);
    expect(classifyPath("5_1.jpg")).toBe(5);
    expect(classifyPath("training/class_03/x.png")).toBeUndefined();
    expect(classifyPath("training/12_1.jpg")).toBeUndefined();
  });

  it("fails clearly on a missing or empty tree, and caches a good index per root", async () => {
    await expect(scanFood11(join(tmp, "missing"))).rejects.toThrow(
      /cannot read the Food-11 dataset/,
    );
    await mkdir(join(tmp, "empty/training"), { recursive: true });
    await expect(scanFood11(join(tmp, "empty"))).rejects.toThrow(/no Food-11 images/);
    const root = join(tmp, "classes");
    expect(await food11Index(root)).toBe(await food11Index(`${root}/`));
  });

  it("reads an entry's bytes and refuses paths outside the root", async () => {
    const index = await scanFood11(join(tmp, "flat"));
    expect(await readImage(index, index.entries[0]!)).toEqual(Buffer.from(JPEG));
    await expect(readImage(index, { path: "../classes/training/class_06/1.jpg" })).rejects.toThrow(
      /escapes/,
    );
  });

  it("ships at least 2 real, small JPEGs for each of the 11 categories", async () => {
    const index = await scanFood11(bundledFood11Root());
    for (const category of FOOD11_CATEGORIES) {
      expect(
        index.entries.filter((e) => e.category === category).length,
        category,
      ).toBeGreaterThanOrEqual(2);
    }
    for (const entry of index.entries) {
      const bytes = await readImage(index, entry);
      expect([...bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
      expect([...bytes.subarray(-2)]).toEqual([0xff, 0xd9]);
      expect(bytes.length).toBeLessThan(10_000);
    }
  });
});
