/** Splits messages, in order, into runs whose key + value bytes stay under `maxBytes`. */
export function chunkByBytes<M extends { key?: unknown; value: unknown }>(
  messages: readonly M[],
  maxBytes: number,
): M[][] {
  const chunks: M[][] = [];
  let chunk: M[] = [];
  let bytes = 0;
  for (const m of messages) {
    const size = sizeOf(m.value) + sizeOf(m.key);
    if (chunk.length > 0 && bytes + size > maxBytes) {
      chunks.push(chunk);
      chunk = [];
      bytes = 0;
    }
    chunk.push(m);
    bytes += size;
  }
  if (chunk.length > 0) chunks.push(chunk);
  return chunks;
}

function sizeOf(x: unknown): number {
  // UTF-16 units: exact for ASCII JSON and O(1); non-ASCII text is under-counted, which the
  // default bound (900 kB against the broker's 1 MB) absorbs for ordinary payloads.
  if (typeof x === "string") return x.length;
  if (x instanceof Uint8Array) return x.byteLength;
  return 0;
}
