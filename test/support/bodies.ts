/**
 * A request body that never ends, in chunks of `chunkBytes` spaces: only a server that counts a
 * body as it streams can refuse it. `sent()` is what the reader has pulled so far.
 */
export function endlessBody(chunkBytes = 16 * 1024) {
  let sent = 0;
  const chunk = new TextEncoder().encode(" ".repeat(chunkBytes));
  const stream = new ReadableStream<Uint8Array>({
    pull(controller) {
      sent += chunk.length;
      controller.enqueue(chunk);
    },
  });
  return { stream, sent: () => sent, chunkBytes };
}
