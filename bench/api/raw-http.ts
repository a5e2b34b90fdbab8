// A minimal HTTP/1.1 keep-alive client over one socket, for the load loop: it writes each
// request as one buffer and reads only the status line, Content-Length or chunked framing. What
// wrk does in C: node:http's client costs about as much CPU per request as the API under test
// does to answer it, and on a 2-core machine that CPU is taken from the server being measured.
import { connect, type Socket } from "node:net";

/** One request as the load loop sends it. */
export interface RequestSpec {
  method: "GET" | "POST";
  path: string;
  headers?: Record<string, string>;
  body?: Buffer;
}

const CRLF2 = Buffer.from("\r\n\r\n");

/** One connection; `send` must not be called again before the previous answer resolved. */
export interface RawConnection {
  send(spec: RequestSpec): Promise<number>;
  close(): void;
}

/** Opens a keep-alive connection to `host:port`. */
export function rawConnection(host: string, port: number): Promise<RawConnection> {
  return new Promise((resolve, reject) => {
    const socket: Socket = connect({ host, port, noDelay: true });
    let buffered: Buffer = Buffer.alloc(0);
    let pending: { resolve(status: number): void; reject(e: Error): void } | undefined;
    const fail = (e: Error) => {
      pending?.reject(e);
      pending = undefined;
    };
    socket.on("data", (chunk: Buffer) => {
      buffered = buffered.length ? Buffer.concat([buffered, chunk]) : chunk;
      const framed = frame(buffered);
      if (!framed) return;
      buffered = buffered.subarray(framed.length);
      const p = pending;
      pending = undefined;
      p?.resolve(framed.status);
    });
    socket.on("error", (e) => {
      fail(e);
      reject(e);
    });
    socket.on("close", () => fail(new Error("connection closed")));
    socket.once("connect", () =>
      resolve({
        send(spec) {
          return new Promise<number>((res, rej) => {
            pending = { resolve: res, reject: rej };
            socket.write(serialize(host, port, spec));
          });
        },
        close: () => socket.destroy(),
      }),
    );
  });
}

function serialize(host: string, port: number, spec: RequestSpec): Buffer {
  let head = `${spec.method} ${spec.path} HTTP/1.1\r\nhost: ${host}:${port}\r\n`;
  for (const [k, v] of Object.entries(spec.headers ?? {})) head += `${k}: ${v}\r\n`;
  head += `content-length: ${spec.body?.length ?? 0}\r\n\r\n`;
  return spec.body ? Buffer.concat([Buffer.from(head), spec.body]) : Buffer.from(head);
}

/** A whole response at the start of `buf`: its status and length in bytes, or undefined. */
function frame(buf: Buffer): { status: number; length: number } | undefined {
  const end = buf.indexOf(CRLF2);
  if (end < 0) return undefined;
  const head = buf.toString("latin1", 0, end);
  const status = Number(head.slice(9, 12));
  const bodyStart = end + 4;
  const length = /\r\ncontent-length:\s*(\d+)/i.exec(head);
  if (length) {
    const total = bodyStart + Number(length[1]);
    return buf.length >= total ? { status, length: total } : undefined;
  }
  if (/\r\ntransfer-encoding:\s*chunked/i.test(head)) {
    let at = bodyStart;
    for (;;) {
      const lineEnd = buf.indexOf("\r\n", at);
      if (lineEnd < 0) return undefined;
      const size = Number.parseInt(buf.toString("latin1", at, lineEnd), 16);
      at = lineEnd + 2 + size + 2;
      if (at > buf.length) return undefined;
      if (size === 0) return { status, length: at };
    }
  }
  return { status, length: bodyStart };
}
