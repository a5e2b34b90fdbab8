import { type Http1Pool, http1Pool } from "./http1";

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
  /**
   * Opens up to `connections` keep-alive connections now, so the first events of a minute do not
   * wait for handshakes, or for a server to accept many connections at once.
   */
  preconnect(connections: number): void;
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
 * The API over HTTP/1.1 with pooled keep-alive connections (`http1Pool`, our own client). Not
 * global `fetch`: its Request/Response objects, web streams and abort signals cost far more CPU
 * per request than the per-event budget allows. Not `http.request` or undici: a shard at
 * 1,500 events/s spent about half its CPU inside `http.request`; undici was a little cheaper
 * but pushed the Lambda bundles over their size limits. Pipelining gained nothing over one
 * request per connection.
 */
export function httpTarget(
  baseUrl: string,
  apiKey?: string,
  options: HttpTargetOptions = {},
): ApiTarget {
  const origin = baseUrl.replace(/\/+$/, "");
  const base = new URL(origin).pathname.replace(/\/+$/, "");
  const pool = () =>
    http1Pool({
      origin,
      connections: options.connections ?? 64,
      timeoutMs: options.timeoutMs ?? 10_000,
    });
  const target = (p: Http1Pool, lanes: Map<string, ApiTarget> | null): ApiTarget => ({
    baseUrl: origin,
    apiKey,
    send: (request) => p.post(base + request.path, request.headers, request.body),
    preconnect: (n) => p.preconnect(n),
    lane(key) {
      if (!lanes) return this;
      let lane = lanes.get(key);
      if (lane) lanes.delete(key);
      else lane = target(pool(), null);
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
      p.close();
    },
  });
  return target(pool(), new Map());
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
    preconnect: () => {},
    lane: () => target,
    close: async () => {},
  };
  return target;
}
