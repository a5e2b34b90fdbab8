import { gunzipSync } from "node:zlib";
import type { Context } from "hono";
import type { AssetPack, PackedAsset } from "./pack";

interface Decoded {
  gzip: Buffer;
  plain: Buffer | undefined;
}

/**
 * Answers packed files: the stored gzip bytes as they are (no compression per request) to every
 * client that accepts gzip, which is every browser; plain bytes (gunzipped once) to the rest.
 * Base64 is decoded on first use, so a cold start that serves no page pays nothing.
 */
export function assetServer(pack: AssetPack) {
  const decoded = new Map<string, Decoded>();
  const bytesOf = (name: string, asset: PackedAsset) => {
    let d = decoded.get(name);
    if (!d) {
      d = { gzip: Buffer.from(asset.gzip, "base64"), plain: undefined };
      decoded.set(name, d);
    }
    return d;
  };
  /** The response for `name`, or null when the pack has no such file. */
  return (c: Context, name: string): Response | null => {
    const asset = Object.hasOwn(pack, name) ? pack[name] : undefined;
    if (!asset) return null;
    const headers: Record<string, string> = {
      "content-type": asset.type,
      etag: asset.etag,
      vary: "accept-encoding",
      "x-content-type-options": "nosniff",
      // Revalidated on each load (a 304 while unchanged): URLs carry no version to bust.
      "cache-control": "no-cache",
    };
    if (c.req.header("if-none-match") === asset.etag)
      return new Response(null, { status: 304, headers });
    const d = bytesOf(name, asset);
    if (/\bgzip\b/.test(c.req.header("accept-encoding") ?? "")) {
      return new Response(new Uint8Array(d.gzip), {
        headers: { ...headers, "content-encoding": "gzip" },
      });
    }
    d.plain ??= gunzipSync(d.gzip);
    return new Response(new Uint8Array(d.plain), { headers });
  };
}
