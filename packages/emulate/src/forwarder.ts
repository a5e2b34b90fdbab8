// The loopback forwarder `emulate up` starts: LocalStack routes a Function URL by its Host header
// (`<id>.lambda-url.<region>.localhost.localstack.cloud`) and has no path-based form, so each URL
// gets a plain `http://127.0.0.1:<port>/` that any client can use. It passes requests through
// untouched but for the Host header, and answers `Expect: 100-continue` itself (Node's server
// does), so clients such as curl never wait on the emulator for it.
// Usage (started detached by forwarder-process.ts): tsx forwarder.ts '<routes JSON>'
import { Agent, createServer, request } from "node:http";

export interface Route {
  port: number;
  /** The Function URL's host, e.g. `abc.lambda-url.us-east-1.localhost.localstack.cloud:4566`. */
  host: string;
  /** LocalStack's gateway. */
  upstream: { host: string; port: number };
}

const HOP_BY_HOP = ["connection", "keep-alive", "expect", "proxy-connection", "upgrade"];

/** Serves every route; resolves once all ports listen. */
export async function serve(routes: Route[]): Promise<void> {
  const agent = new Agent({ keepAlive: true, maxSockets: 64 });
  await Promise.all(
    routes.map(
      (route) =>
        new Promise<void>((listening, fail) => {
          const server = createServer((req, res) => {
            const headers: Record<string, string | string[] | undefined> = {
              ...req.headers,
              host: route.host,
            };
            for (const h of HOP_BY_HOP) delete headers[h];
            const upstream = request(
              { ...route.upstream, method: req.method, path: req.url, headers, agent },
              (answer) => {
                res.writeHead(answer.statusCode ?? 502, answer.headers);
                answer.pipe(res);
              },
            );
            upstream.on("error", (e) => {
              if (!res.headersSent) res.writeHead(502, { "content-type": "text/plain" });
              res.end(`emulate forwarder: ${e.message}\n`);
            });
            req.pipe(upstream);
          });
          // Generous: the generator's request may wait on a cold API function.
          server.requestTimeout = 0;
          server.keepAliveTimeout = 65_000;
          server.once("error", fail);
          server.listen(route.port, "127.0.0.1", () => listening());
        }),
    ),
  );
}

if (process.argv[1] && import.meta.filename === process.argv[1]) {
  const routes = JSON.parse(process.argv[2] ?? "[]") as Route[];
  await serve(routes);
  console.log(`forwarding ${routes.map((r) => `127.0.0.1:${r.port} -> ${r.host}`).join(", ")}`);
}
