import { readFile } from "node:fs/promises";
import { resolve, sep } from "node:path";
import { invalidInput } from "@gg/core/errors";
import type { ImageIndex } from "./food11-index";

/** The bytes of a dataset image, read at fire time (the planner only names the file). */
export async function readImage(index: ImageIndex, image: { path: string }): Promise<Uint8Array> {
  const file = resolve(index.root, image.path);
  // The path comes from a plan, which may have been serialised: never leave the dataset root.
  if (!file.startsWith(index.root + sep)) {
    throw invalidInput(`image path ${JSON.stringify(image.path)} escapes the dataset root`);
  }
  return readFile(file);
}
