// A server that answers every request 200 `{}` as soon as its body has arrived: what is left
// to measure is the generator. Run in its own process so none of its CPU is counted. It also
// counts idempotency keys, and `GET /__count` answers how many requests came and how many
// distinct keys, so a sharded minute is checked at the receiving end: each event exactly once.
import { createServer } from "node:http";

const seen = new Map<string, number>();
let requests = 0;
const server = createServer((req, res) => {
  if (req.url === "/__count") {
    let repeated = 0;
    for (const n of seen.values()) if (n > 1) repeated++;
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ requests, keys: seen.size, repeated }));
    return;
  }
  requests++;
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
