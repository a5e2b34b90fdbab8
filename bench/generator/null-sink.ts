// A server that answers every request 200 `{}` as soon as its body has arrived: what is left
// to measure is the generator. Run in its own process so none of its CPU is counted. It also
// counts idempotency keys, and `GET /__count` answers how many requests came and how many
// distinct keys, so a sharded minute is checked at the receiving end: each event exactly once.
// It also times each arrival against its planned time (x-gg-event-time): per second of the
// minute, how many came more than 50 ms late and the latest, so a bench says where lateness is.
import { createServer } from "node:http";

const seen = new Map<string, number>();
let requests = 0;
const LATE_MS = 50;
/** Per second of the minute (by planned time): events, late events, the most late (ms). */
const bySecond = new Map<number, { n: number; late: number; maxMs: number }>();
const server = createServer((req, res) => {
  if (req.url === "/__count") {
    let repeated = 0;
    for (const n of seen.values()) if (n > 1) repeated++;
    res.writeHead(200, { "content-type": "application/json" });
    const late = [...bySecond.entries()]
      .filter(([, b]) => b.late > 0)
      .sort(([a], [b]) => a - b)
      .map(([second, b]) => ({ second, ...b, maxMs: Math.round(b.maxMs) }));
    res.end(JSON.stringify({ requests, keys: seen.size, repeated, lateMs: LATE_MS, late }));
    return;
  }
  requests++;
  const planned = Date.parse(String(req.headers["x-gg-event-time"] ?? ""));
  if (Number.isFinite(planned)) {
    const lateMs = Date.now() - planned;
    const second = Math.floor((planned % 60_000) / 1000);
    const b = bySecond.get(second) ?? { n: 0, late: 0, maxMs: 0 };
    b.n++;
    if (lateMs > LATE_MS) b.late++;
    b.maxMs = Math.max(b.maxMs, lateMs);
    bySecond.set(second, b);
  }
  const key = req.headers["idempotency-key"];
  if (typeof key === "string") seen.set(key, (seen.get(key) ?? 0) + 1);
  req.resume();
  req.on("end", () => {
    res.writeHead(200, { "content-type": "application/json", "content-length": "2" });
    res.end("{}");
  });
});
server.keepAliveTimeout = 60_000;
server.listen(0, "127.0.0.1", () => {
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : 0;
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${port}` })}\n`);
});
process.stdin.resume();
process.stdin.on("end", () => process.exit(0));
