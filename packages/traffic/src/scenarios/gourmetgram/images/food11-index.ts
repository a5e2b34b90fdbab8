import { readdir } from "node:fs/promises";
import { resolve, sep } from "node:path";
import { invalidInput } from "@gg/core/errors";
import { type Food11Category, food11Category } from "./categories";

/** One image file of the dataset. */
export interface ImageEntry {
  /** POSIX path relative to the dataset root, e.g. `training/class_03/12.jpg`. */
  readonly path: string;
  readonly classIndex: number;
  readonly category: Food11Category;
}

/** A dataset's image files, sorted by path so that an index into it means the same file everywhere. */
export interface ImageIndex {
  readonly root: string;
  readonly entries: readonly ImageEntry[];
}

const CLASS_DIR = /^class_(\d{1,2})$/;
const FLAT_FILE = /^(\d{1,2})_\d+\.jpe?g$/i;
const JPEG = /\.jpe?g$/i;

/**
 * The category of a dataset path, from either Food-11 layout: a `class_NN` folder
 * (`<split>/class_03/x.jpg`) or the raw download's file prefix (`<split>/3_120.jpg`).
 */
export function classifyPath(relPath: string): number | undefined {
  const parts = relPath.split("/");
  const file = parts[parts.length - 1] ?? "";
  if (!JPEG.test(file)) return undefined;
  for (let i = parts.length - 2; i >= 0; i--) {
    const m = CLASS_DIR.exec(parts[i] as string);
    if (m) return inRange(Number(m[1]));
  }
  const flat = FLAT_FILE.exec(file);
  return flat ? inRange(Number(flat[1])) : undefined;
}

function inRange(i: number): number | undefined {
  return food11Category(i) === undefined ? undefined : i;
}

/**
 * Walks a Food-11 tree once (one recursive readdir) and returns its JPEGs with their categories.
 * Files that match neither layout are ignored; a tree with no image at all is an error, since
 * uploads could never succeed.
 */
export async function scanFood11(root: string): Promise<ImageIndex> {
  const abs = resolve(root);
  let names: string[];
  try {
    names = await readdir(abs, { recursive: true });
  } catch (cause) {
    throw invalidInput(`cannot read the Food-11 dataset at ${abs}`, { cause });
  }
  const entries: ImageEntry[] = [];
  for (const name of names) {
    const path = sep === "/" ? name : name.split(sep).join("/");
    const classIndex = classifyPath(path);
    if (classIndex !== undefined) {
      entries.push({ path, classIndex, category: food11Category(classIndex) as Food11Category });
    }
  }
  if (entries.length === 0) {
    throw invalidInput(
      `no Food-11 images under ${abs}: expected <split>/class_NN/*.jpg or <split>/<class>_<n>.jpg`,
    );
  }
  // Code-unit order, not locale order: the same on every machine.
  entries.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { root: abs, entries };
}

const cache = new Map<string, Promise<ImageIndex>>();

/** `scanFood11`, memoised per absolute root for the life of the process (a warm Lambda scans once). */
export function food11Index(root: string): Promise<ImageIndex> {
  const key = resolve(root);
  let hit = cache.get(key);
  if (!hit) {
    hit = scanFood11(key);
    // A failed scan is not cached: the dataset may be mounted later.
    hit.catch(() => cache.delete(key));
    cache.set(key, hit);
  }
  return hit;
}
