import { type ImageIndex, readImage } from "./images/index";

/** Upload bytes by dataset path, read once and kept while they fit. */
export interface ImageCache {
  bytes(image: { path: string }): Promise<Uint8Array>;
}

/**
 * A bounded LRU of dataset files: the bundled sample (33 files, ~1 MB) stays whole in memory, and
 * a full Food-11 tree (16k files, ~1 GB) keeps its most recently sent `maxBytes` only. A read in
 * flight is shared, so a burst of uploads of one file reads it once.
 */
export function createImageCache(dataset: ImageIndex, maxBytes = 64 * 1024 * 1024): ImageCache {
  const cache = new Map<string, Promise<Uint8Array>>();
  const sizes = new Map<string, number>();
  let total = 0;
  return {
    bytes(image) {
      const hit = cache.get(image.path);
      if (hit) {
        cache.delete(image.path);
        cache.set(image.path, hit);
        return hit;
      }
      const read = readImage(dataset, image);
      cache.set(image.path, read);
      read.then(
        (b) => {
          if (!cache.has(image.path)) return;
          sizes.set(image.path, b.byteLength);
          total += b.byteLength;
          for (const [path] of cache) {
            if (total <= maxBytes || path === image.path) break;
            cache.delete(path);
            total -= sizes.get(path) ?? 0;
            sizes.delete(path);
          }
        },
        () => cache.delete(image.path),
      );
      return read;
    },
  };
}
