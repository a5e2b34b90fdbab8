import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** Bytes backed by a plain ArrayBuffer (what `File` and `Blob` accept). */
export type Bytes = Uint8Array<ArrayBuffer>;

const bundled = "../../packages/traffic/assets/food11/training/class_03/0.jpg";
const base64 = (s: string): Bytes => new Uint8Array(Buffer.from(s, "base64"));

/** A real JPEG from the project's bundled Food-11 sample (class_03 = Egg). */
export const jpeg = (): Bytes =>
  new Uint8Array(readFileSync(fileURLToPath(new URL(bundled, import.meta.url))));

/** A real 1×1 PNG. */
export const png = (): Bytes =>
  base64(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
  );

/** A real 1×1 lossy WebP. */
export const webp = (): Bytes => base64("UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA");
