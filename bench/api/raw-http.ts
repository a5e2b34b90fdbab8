// The load loop's connections: one request at a time over one keep-alive HTTP/1.1 connection,
// through the generator's own client (http1Pool: each request one socket write, the answer parsed
// by hand). What wrk does in C: node:http's client costs about as much CPU per request as the API
// under test does to answer it, and on a 2-core machine that CPU is taken from the server.
import { http1Pool } from "@gg/traffic/gourmetgram";

/** One request as the load loop sends it. */
export interface RequestSpec {
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: Buffer;
}

/** One connection; `send` must not be called again before the previous answer resolved. */
export interface RawConnection {
  send(spec: RequestSpec): Promise<number>;
  close(): void;
}

/** A keep-alive connection to `host:port`, opened now. */
export async function rawConnection(host: string, port: number): Promise<RawConnection> {
  const pool = http1Pool({ origin: `http://${host}:${port}`, connections: 1, timeoutMs: 60_000 });
  pool.preconnect(1);
  return {
    send: async (spec) =>
      (await pool.request(spec.method, spec.path, spec.headers ?? {}, spec.body ?? "")).status,
    close: () => pool.close(),
  };
}
