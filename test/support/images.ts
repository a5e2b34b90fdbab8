import { readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

/** A real JPEG from the project's bundled Food-11 sample (class_03 = Egg). */
export const jpeg = (): Uint8Array =>
  new Uint8Array(
    readFileSync(
      fileURLToPath(
        new URL("../../packages/traffic/assets/food11/training/class_03/0.jpg", import.meta.url),
      ),
    ),
  );

/** A real 1×1 PNG. */
export const png = (): Uint8Array =>
  Buffer.from(
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
    "base64",
  );

/** A real 1×1 lossy WebP. */
export const webp = (): Uint8Array =>
  Buffer.from("UklGRiIAAABXRUJQVlA4IBYAAAAwAQCdASoBAAEADsD+JaQAA3AAAAAA", "base64");
