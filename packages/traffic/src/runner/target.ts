/**
 * Where events go: the API behind a base URL and a fetch-like function. Over HTTP that is `fetch`;
 * in-process it is the app's own `fetch` (Hono's `app.fetch`), so the same runner drives both.
 */
export interface ApiTarget {
  readonly baseUrl: string;
  readonly apiKey?: string;
  readonly fetch: (request: Request) => Promise<Response>;
}

/** The API over HTTP at `baseUrl` (keep-alive connections are pooled by Node's fetch). */
export function httpTarget(baseUrl: string, apiKey?: string): ApiTarget {
  return { baseUrl: baseUrl.replace(/\/+$/, ""), apiKey, fetch: (request) => fetch(request) };
}

/** The API in this process: `app.fetch` answers without a socket. */
export function inProcessTarget(
  app: { fetch(request: Request): Response | Promise<Response> },
  apiKey?: string,
): ApiTarget {
  return {
    baseUrl: "http://gourmetgram.internal",
    apiKey,
    fetch: async (request) => app.fetch(request),
  };
}
