// A server that answers every request 200 `{}` as soon as its body has arrived: what is left
// to measure is the generator. Run in its own process so none of its CPU is counted, and on raw
// sockets (HTTP/1.1 keep-alive read by hand, as the generator's own client does) so that on a
// small machine it takes as little of the generator's CPU as it can: `node:http` cost ~77 µs
// of CPU per request, half a core at 6,000 requests/s, and more while its JIT was cold at the
// start of a minute. It counts idempotency keys, and `GET /__count` answers how many requests
// came and how many distinct keys, so a sharded minute is checked at the receiving end: each
// event exactly once. It also times each arrival against its planned time (x-gg-event-time):
// per second of the minute, how many came more than 50 ms late and the latest, so a bench says
// where lateness is.
import { createServer, type Socket } from "node:net";

const seen = new Map<string, number>();
let requests = 0;
const LATE_MS = 50;
/** Per second of the minute (by planned time): events, late events, the most late (ms). */
const bySecond = new Map<number, { n: number; late: number; maxMs: number }>();

const OK = Buffer.from(
  "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 2\r\n\r\n{}",
);

function count(): string {
  let repeated = 0;
  for (const n of seen.values()) if (n > 1) repeated++;
  const late = [...bySecond.entries()]
    .filter(([, b]) => b.late > 0)
    .sort(([a], [b]) => a - b)
    .map(([second, b]) => ({ second, ...b, maxMs: Math.round(b.maxMs) }));
  return JSON.stringify({ requests, keys: seen.size, repeated, lateMs: LATE_MS, late });
}

/** One request's head: counts it, and says how many body bytes follow. */
function onHead(head: string, socket: Socket): number {
  if (head.startsWith("GET /__count ")) {
    const body = count();
    socket.write(
      `HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: ${Buffer.byteLength(body)}\r\n\r\n${body}`,
    );
    return -1;
  }
  requests++;
  let length = 0;
  let at = head.indexOf("\r\n") + 2;
  while (at > 1 && at < head.length) {
    const end = head.indexOf("\r\n", at);
    const line = head.slice(at, end < 0 ? head.length : end);
    at = end < 0 ? head.length : end + 2;
    const colon = line.indexOf(":");
    const name = line.slice(0, colon).toLowerCase();
    if (name === "content-length") length = Number(line.slice(colon + 1));
    else if (name === "idempotency-key") {
      const key = line.slice(colon + 1).trim();
      seen.set(key, (seen.get(key) ?? 0) + 1);
    } else if (name === "x-gg-event-time") {
      const planned = Date.parse(line.slice(colon + 1).trim());
      if (Number.isFinite(planned)) {
        const lateMs = Date.now() - planned;
        const second = Math.floor((planned % 60_000) / 1000);
        const b = bySecond.get(second) ?? { n: 0, late: 0, maxMs: 0 };
        b.n++;
        if (lateMs > LATE_MS) b.late++;
        b.maxMs = Math.max(b.maxMs, lateMs);
        bySecond.set(second, b);
      }
    }
  }
  return length;
}

const server = createServer((socket) => {
  socket.setNoDelay(true);
  let pending: Buffer | undefined;
  /** Body bytes still to skip for the request being read. */
  let skip = 0;
  socket.on("data", (chunk: Buffer) => {
    const data = pending ? Buffer.concat([pending, chunk]) : chunk;
    pending = undefined;
    let at = 0;
    while (at < data.length) {
      if (skip > 0) {
        const n = Math.min(skip, data.length - at);
        skip -= n;
        at += n;
        if (skip === 0) socket.write(OK);
        continue;
      }
      const end = data.indexOf("\r\n\r\n", at, "latin1");
      if (end < 0) break;
      const length = onHead(data.toString("latin1", at, end), socket);
      at = end + 4;
      if (length === 0) socket.write(OK);
      else if (length > 0) skip = length;
    }
    if (at < data.length) pending = data.subarray(at);
  });
  socket.on("error", () => socket.destroy());
});
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
});
process.stdin.resume();
process.stdin.on("end", () => process.exit(0));
