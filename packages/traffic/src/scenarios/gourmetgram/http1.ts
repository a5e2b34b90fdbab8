import net from "node:net";
import tls from "node:tls";

/** An answer read to its end. */
interface Http1Answer {
  readonly status: number;
  readonly body: string;
}

export interface Http1PoolOptions {
  /** `http:` or `https:` origin (its path is ignored). */
  origin: string;
  /** Keep-alive connections at most; requests beyond them wait for one. */
  connections: number;
  /** Answer timeout per request (ms): its connection is dropped and the request fails. */
  timeoutMs: number;
  /** `https:`: certificates to trust instead of Node's bundled CAs (the server's is verified). */
  ca?: string | Buffer;
}

/** A keep-alive pool of HTTP/1.1 connections to one origin, one request at a time on each. */
export interface Http1Pool {
  request(
    method: "GET" | "POST",
    path: string,
    headers: Readonly<Record<string, string>>,
    body: string | Uint8Array,
  ): Promise<Http1Answer>;
  /** `request("POST", ...)`. */
  post(
    path: string,
    headers: Readonly<Record<string, string>>,
    body: string | Uint8Array,
  ): Promise<Http1Answer>;
  /** Opens connections until `n` are open (at most the pool's), idle until a request comes. */
  preconnect(n: number): void;
  /** Fails what waits or is in flight, and closes every connection. */
  close(): void;
}

interface Request {
  head: string;
  body: string | Uint8Array;
  resolve: (a: Http1Answer) => void;
  reject: (e: Error) => void;
  timer: NodeJS.Timeout | undefined;
  /** The connection it was written to; undefined while it waits for one. */
  on: Connection | undefined;
}

const HEADER_UNSAFE = /[\r\n\0]/;
const PATH_UNSAFE = /[\s\0]/;
const closedError = () => new Error("the HTTP pool is closed");

/**
 * The generator's HTTP client (and the API bench's): requests over pooled keep-alive connections, each request written
 * with one socket write and its answer parsed here (status line, Content-Length or chunked,
 * `Connection: close`, interim 1xx answers skipped). It does what firing events needs and no
 * more; `http.request` spent about half of a shard's CPU on its agent, ClientRequest and
 * IncomingMessage objects, header validation and per-request listeners.
 */
export function http1Pool(options: Http1PoolOptions): Http1Pool {
  const url = new URL(options.origin);
  const secure = url.protocol === "https:";
  const host = url.hostname.replace(/^\[|\]$/g, "");
  const port = Number(url.port || (secure ? 443 : 80));
  const all = new Set<Connection>();
  const idle: Connection[] = [];
  const waiting: Request[] = [];
  let closed = false;

  const pool: ConnectionPool = {
    // A connection done with its request takes the next waiting one, or waits (most recent first,
    // so a quiet stream keeps a few warm connections and the server may close the others).
    release(c) {
      const next = waiting.shift();
      if (next) c.send(next);
      else idle.push(c);
    },
    drop(c) {
      all.delete(c);
      const at = idle.indexOf(c);
      if (at >= 0) idle.splice(at, 1);
      const next = closed ? undefined : waiting.shift();
      if (next) connect().send(next);
    },
  };
  const connect = (): Connection => {
    const socket = secure
      ? tls.connect({
          host,
          port,
          servername: net.isIP(host) ? undefined : host,
          ALPNProtocols: ["http/1.1"],
          ...(options.ca ? { ca: options.ca } : {}),
        })
      : net.connect({ host, port });
    socket.setNoDelay(true);
    const c = new Connection(socket, pool);
    all.add(c);
    return c;
  };

  const self: Http1Pool = {
    post: (path, headers, body) => self.request("POST", path, headers, body),
    request(method, path, headers, body) {
      if (closed) return Promise.reject(closedError());
      if (PATH_UNSAFE.test(path)) {
        return Promise.reject(
          new TypeError(`path ${JSON.stringify(path)} holds a space or control`),
        );
      }
      let head = `${method} ${path} HTTP/1.1\r\nhost: ${url.host}\r\n`;
      for (const name in headers) {
        const value = headers[name] as string;
        if (HEADER_UNSAFE.test(name) || HEADER_UNSAFE.test(value)) {
          return Promise.reject(
            new TypeError(`header ${JSON.stringify(name)} holds a line break or NUL`),
          );
        }
        head += `${name}: ${value}\r\n`;
      }
      const length = typeof body === "string" ? Buffer.byteLength(body) : body.byteLength;
      head += `content-length: ${length}\r\n\r\n`;
      return new Promise<Http1Answer>((resolve, reject) => {
        const request: Request = { head, body, resolve, reject, timer: undefined, on: undefined };
        request.timer = setTimeout(() => {
          const error = new Error(`no answer within ${options.timeoutMs} ms`);
          if (request.on) return request.on.fail(error);
          const at = waiting.indexOf(request);
          if (at >= 0) waiting.splice(at, 1);
          reject(error);
        }, options.timeoutMs);
        const free = idle.pop();
        if (free) free.send(request);
        else if (all.size < options.connections) connect().send(request);
        else waiting.push(request);
      });
    },
    preconnect(n) {
      while (!closed && all.size < Math.min(n, options.connections)) idle.push(connect());
    },
    close() {
      closed = true;
      for (const w of waiting.splice(0)) {
        clearTimeout(w.timer);
        w.reject(closedError());
      }
      for (const c of [...all]) c.fail(closedError());
    },
  };
  return self;
}

interface ConnectionPool {
  release(c: Connection): void;
  drop(c: Connection): void;
}

/** Where the parse of the current answer stands. */
enum Stage {
  Head,
  Length,
  ChunkSize,
  ChunkData,
  Trailers,
  UntilClose,
}

/** One socket and the answer it is reading. */
class Connection {
  private request: Request | undefined;
  private buffer: Buffer | undefined;
  private stage = Stage.Head;
  private status = 0;
  private remaining = 0;
  private body: Buffer[] = [];
  private keepAlive = true;
  private dead = false;
  /** The request is not yet all written: an answer now leaves its rest unread by the server. */
  private writing = false;
  /** An answer completed in the current read; `reuse` follows once the read is checked. */
  private answered = false;

  constructor(
    private readonly socket: net.Socket,
    private readonly pool: ConnectionPool,
  ) {
    socket.on("data", (chunk: Buffer) => this.onData(chunk));
    socket.on("error", (e) => this.fail(e));
    socket.on("close", () => {
      if (this.stage === Stage.UntilClose && this.request) {
        this.finish();
        this.answered = false;
      }
      this.fail(new Error("the server closed the connection"));
    });
  }

  send(request: Request): void {
    this.request = request;
    request.on = this;
    this.stage = Stage.Head;
    this.keepAlive = true;
    this.body = [];
    this.writing = true;
    const written = () => {
      this.writing = false;
    };
    if (typeof request.body === "string") this.socket.write(request.head + request.body, written);
    else {
      this.socket.cork();
      this.socket.write(request.head);
      this.socket.write(request.body, written);
      this.socket.uncork();
    }
  }

  /** Ends the connection; its request, if any, fails with `error`. */
  fail(error: Error): void {
    if (this.dead) return;
    this.dead = true;
    this.socket.destroy();
    const request = this.request;
    this.request = undefined;
    if (request) {
      clearTimeout(request.timer);
      request.reject(error);
    }
    this.pool.drop(this);
  }

  private onData(chunk: Buffer): void {
    if (!this.request) {
      // Bytes nobody asked for: the connection can no longer be trusted.
      this.fail(new Error("unexpected bytes from the server"));
      return;
    }
    const data = this.buffer ? Buffer.concat([this.buffer, chunk]) : chunk;
    this.buffer = undefined;
    let at = 0;
    while (this.request) {
      if (this.stage === Stage.Head) {
        const end = data.indexOf("\r\n\r\n", at, "latin1");
        if (end < 0) break;
        if (!this.readHead(data.toString("latin1", at, end))) return;
        at = end + 4;
      } else if (this.stage === Stage.Length) {
        const n = Math.min(this.remaining, data.length - at);
        if (n > 0) this.body.push(data.subarray(at, at + n));
        at += n;
        this.remaining -= n;
        if (this.remaining > 0) break;
        this.finish();
      } else if (this.stage === Stage.ChunkSize) {
        const end = data.indexOf("\r\n", at, "latin1");
        if (end < 0) break;
        const size = Number.parseInt(data.toString("latin1", at, end), 16);
        if (!Number.isFinite(size) || size < 0) {
          this.fail(new Error("a malformed chunk size"));
          return;
        }
        at = end + 2;
        this.remaining = size;
        this.stage = size === 0 ? Stage.Trailers : Stage.ChunkData;
      } else if (this.stage === Stage.ChunkData) {
        const n = Math.min(this.remaining, data.length - at);
        if (n > 0) this.body.push(data.subarray(at, at + n));
        at += n;
        this.remaining -= n;
        // The chunk's own CRLF must have arrived too.
        if (this.remaining > 0 || data.length - at < 2) break;
        at += 2;
        this.stage = Stage.ChunkSize;
      } else if (this.stage === Stage.Trailers) {
        const end = data.indexOf("\r\n", at, "latin1");
        if (end < 0) break;
        // An empty line ends the trailers (and the answer); any other is a trailer, skipped.
        const last = end === at;
        at = end + 2;
        if (last) this.finish();
      } else {
        this.body.push(data.subarray(at));
        at = data.length;
        break;
      }
    }
    if (this.answered) {
      this.answered = false;
      // Bytes after the answer were never asked for: the connection can no longer be trusted.
      if (at < data.length) this.fail(new Error("unexpected bytes from the server"));
      else this.reuse();
      return;
    }
    if (at < data.length) this.buffer = data.subarray(at);
  }

  /** Reads a status line and headers; false when the connection failed on them. */
  private readHead(head: string): boolean {
    const lines = head.split("\r\n");
    const statusLine = lines[0] ?? "";
    const status = Number(statusLine.slice(9, 12));
    if (!statusLine.startsWith("HTTP/1.") || !(status >= 100 && status <= 599)) {
      this.fail(new Error(`not an HTTP/1.x answer: ${JSON.stringify(statusLine.slice(0, 40))}`));
      return false;
    }
    // An interim answer (100 Continue, 103 Early Hints): the real one follows.
    if (status < 200) return true;
    this.status = status;
    this.keepAlive = statusLine.startsWith("HTTP/1.1");
    let length: number | undefined;
    let chunked = false;
    for (let i = 1; i < lines.length; i++) {
      const line = lines[i] as string;
      const colon = line.indexOf(":");
      if (colon <= 0) continue;
      const name = line.slice(0, colon).trim().toLowerCase();
      const value = line
        .slice(colon + 1)
        .trim()
        .toLowerCase();
      if (name === "content-length") length = Number(value);
      else if (name === "transfer-encoding") chunked = value.split(",").pop()?.trim() === "chunked";
      else if (name === "connection") {
        if (value.includes("close")) this.keepAlive = false;
        else if (value.includes("keep-alive")) this.keepAlive = true;
      }
    }
    if (chunked) this.stage = Stage.ChunkSize;
    else if (status === 204 || status === 304 || length === 0) this.finish();
    else if (length !== undefined && Number.isSafeInteger(length) && length > 0) {
      this.stage = Stage.Length;
      this.remaining = length;
    } else if (length !== undefined) {
      this.fail(new Error(`a malformed Content-Length: ${length}`));
      return false;
    } else {
      this.stage = Stage.UntilClose;
      this.keepAlive = false;
    }
    return true;
  }

  private finish(): void {
    const request = this.request as Request;
    this.request = undefined;
    request.on = undefined;
    clearTimeout(request.timer);
    const body = this.body.length === 1 ? this.body[0] : Buffer.concat(this.body);
    this.body = [];
    this.stage = Stage.Head;
    request.resolve({ status: this.status, body: body ? body.toString("utf8") : "" });
    this.answered = true;
  }

  /**
   * After an answer: back to the pool, or closed when the server said so, or when it answered
   * before the request was all written (what it did not read would be taken for the next one).
   */
  private reuse(): void {
    if (this.keepAlive && !this.writing) {
      this.pool.release(this);
      return;
    }
    this.dead = true;
    this.socket.destroy();
    this.pool.drop(this);
  }
}
