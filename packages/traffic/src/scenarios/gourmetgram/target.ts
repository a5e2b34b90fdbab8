import http from "node:http";
import https from "node:https";

/** One POST to the API: path (with query), headers, and a body already encoded. */
export interface ApiRequest {
  readonly path: string;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string | Uint8Array;
}

/** The API's answer, read to the end. */
export interface ApiAnswer {
  readonly status: number;
  readonly body: string;
}

/**
 * Where events go. `send` is one attempt; a rejection is a network failure (transient). `lane`
 * gives a stream its own connections, so one stream's backlog never queues another's requests.
 */
export interface ApiTarget {
  readonly baseUrl: string;
  readonly apiKey?: string;
  send(request: ApiRequest): Promise<ApiAnswer>;
  lane(key: string): ApiTarget;
  close(): Promise<void>;
}

export interface HttpTargetOptions {
  /** Keep-alive connections per lane (default 64, the generator's concurrency). */
  connections?: number;
  /** Answer timeout per attempt. */
  timeoutMs?: number;
}

// Lanes kept open at most; the least recently used beyond it is closed.
const MAX_LANES = 32;

/**
 * The API over HTTP/1.1 with pooled keep-alive connections (`node:http`). Not global `fetch`: its
 * Request/Response objects, web streams and abort signals cost far more CPU per request than the
 * per-event budget allows. Not undici: a little cheaper per request than `http.request`, but it
 * would push the API and generator bundles over their size limits (infra/scripts/bundle.ts).
 * Pipelining gained nothing over one request per connection. The profiles are in the commit
 * that chose this.
 */
export function httpTarget(
  baseUrl: string,
  apiKey?: string,
  options: HttpTargetOptions = {},
): ApiTarget {
  const origin = baseUrl.replace(/\/+$/, "");
  const url = new URL(origin);
  const client = url.protocol === "https:" ? https : http;
  const base = url.pathname.replace(/\/+$/, "");
  const timeoutMs = options.timeoutMs ?? 10_000;
  const agent = () => new client.Agent({ keepAlive: true, maxSockets: options.connections ?? 64 });
  const target = (a: http.Agent, lanes: Map<string, ApiTarget> | null): ApiTarget => ({
    baseUrl: origin,
    apiKey,
    send: (request) =>
      new Promise<ApiAnswer>((resolve, reject) => {
        const body = request.body;
        const req = client.request(
          {
            host: url.hostname,
            port: url.port,
            path: base + request.path,
            method: "POST",
            agent: a,
            headers: {
              ...request.headers,
              "content-length":
                typeof body === "string" ? Buffer.byteLength(body) : body.byteLength,
            },
          },
          (res) => {
            const chunks: Buffer[] = [];
            res.on("data", (c: Buffer) => chunks.push(c));
            res.on("end", () => {
              const text = chunks.length === 1 ? chunks[0] : Buffer.concat(chunks);
              resolve({ status: res.statusCode ?? 0, body: text ? text.toString("utf8") : "" });
            });
            res.on("error", reject);
          },
        );
        req.setTimeout(timeoutMs, () => req.destroy(new Error(`no answer within ${timeoutMs} ms`)));
        req.on("error", reject);
        req.end(body);
      }),
    lane(key) {
      if (!lanes) return this;
      let lane = lanes.get(key);
      if (lane) lanes.delete(key);
      else lane = target(agent(), null);
      lanes.set(key, lane);
      if (lanes.size > MAX_LANES) {
        const [oldest, old] = lanes.entries().next().value as [string, ApiTarget];
        lanes.delete(oldest);
        void old.close();
      }
      return lane;
    },
    async close() {
      await Promise.all([...(lanes?.values() ?? [])].map((l) => l.close()));
      lanes?.clear();
      a.destroy();
    },
  });
  return target(agent(), new Map());
}

/** The API in this process: `app.fetch` answers without a socket. */
export function inProcessTarget(
  app: { fetch(request: Request): Response | Promise<Response> },
  apiKey?: string,
): ApiTarget {
  // A loopback name: without an API key the API serves loopback Host names only.
  const baseUrl = "http://gourmetgram.localhost";
  const target: ApiTarget = {
    baseUrl,
    apiKey,
    async send(request) {
      const res = await app.fetch(
        new Request(`${baseUrl}${request.path}`, {
          method: "POST",
          headers: request.headers,
          body: request.body as BodyInit,
        }),
      );
      return { status: res.status, body: await res.text() };
    },
    lane: () => target,
    close: async () => {},
  };
  return target;
}
