import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer as createHttpServer, type IncomingMessage } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { type AddressInfo, createServer, type Server, type Socket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { runChild } from "../../../../../infra/scripts/child";
import {
  type Http1Pool,
  http1Pool,
} from "../../../../../packages/traffic/src/scenarios/gourmetgram/http1";

// Servers on loopback in this process: node:http for what a real API answers, and a raw socket
// server for the byte sequences (split reads, chunked bodies, interim answers, closes) that the
// parser must get right whatever the server.
const closers: (() => void)[] = [];
afterEach(() => {
  for (const close of closers.splice(0)) close();
});

async function listen(server: Server | ReturnType<typeof createHttpServer>): Promise<string> {
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  closers.push(() => server.close());
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

function pool(origin: string, connections = 4, timeoutMs = 2_000): Http1Pool {
  const p = http1Pool({ origin, connections, timeoutMs });
  closers.unshift(() => p.close());
  return p;
}

/** A raw server: each request's head and body handed to `answer`, which writes what it likes. */
async function rawServer(
  answer: (socket: Socket, request: { head: string; body: string }, n: number) => void,
): Promise<{ origin: string; connections: () => number }> {
  let connections = 0;
  let n = 0;
  const server = createServer((socket) => {
    connections++;
    let buffered = "";
    socket.on("data", (chunk) => {
      buffered += chunk.toString("latin1");
      for (;;) {
        const end = buffered.indexOf("\r\n\r\n");
        if (end < 0) return;
        const head = buffered.slice(0, end);
        const length = Number(/content-length: (\d+)/i.exec(head)?.[1] ?? 0);
        if (buffered.length < end + 4 + length) return;
        const body = buffered.slice(end + 4, end + 4 + length);
        buffered = buffered.slice(end + 4 + length);
        answer(socket, { head, body }, ++n);
      }
    });
    socket.on("error", () => {});
  });
  const origin = await listen(server);
  return { origin, connections: () => connections };
}

const readBody = (req: IncomingMessage) =>
  new Promise<string>((resolve) => {
    let body = "";
    req.setEncoding("utf8");
    req.on("data", (c: string) => {
      body += c;
    });
    req.on("end", () => resolve(body));
  });

describe("http1Pool", () => {
  it("POSTs path, Host, headers and a string or byte body; reuses the connection", async () => {
    const seen: { url?: string; host?: string; key?: string; body: string; port?: number }[] = [];
    const server = createHttpServer(async (req, res) => {
      const body = await readBody(req);
      seen.push({
        url: req.url,
        host: req.headers.host,
        key: req.headers["idempotency-key"] as string,
        body,
        port: req.socket.remotePort,
      });
      res.writeHead(201, { "content-type": "application/json" });
      res.end(JSON.stringify({ ok: "é" }));
    });
    const origin = await listen(server);
    const p = pool(origin, 1);
    const a = await p.post("/comments/?x=1", { "idempotency-key": "k1" }, '{"content":"ça"}');
    const b = await p.post("/upload/", { "idempotency-key": "k2" }, new Uint8Array([104, 105]));
    expect(a).toEqual({ status: 201, body: '{"ok":"é"}' });
    expect(b.status).toBe(201);
    expect(seen.map((s) => [s.url, s.key, s.body])).toEqual([
      ["/comments/?x=1", "k1", '{"content":"ça"}'],
      ["/upload/", "k2", "hi"],
    ]);
    expect(seen[0]?.host).toBe(new URL(origin).host);
    expect(seen[0]?.port).toBe(seen[1]?.port);
  });

  it("reads chunked answers split at every byte, and skips an interim 100 Continue", async () => {
    const { origin } = await rawServer((socket) => {
      const answer =
        "HTTP/1.1 100 Continue\r\n\r\n" +
        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n" +
        "4\r\nWiki\r\n6;ext=1\r\npedia \r\n0\r\nx-trailer: 1\r\n\r\n";
      let i = 0;
      const drip = () => {
        if (i < answer.length) socket.write(answer[i++] as string, () => setImmediate(drip));
      };
      drip();
    });
    const p = pool(origin, 1);
    expect(await p.post("/", {}, "")).toEqual({ status: 200, body: "Wikipedia " });
    // The connection is reusable after the trailer.
    expect(await p.post("/", {}, "")).toEqual({ status: 200, body: "Wikipedia " });
  });

  it("an answer without a length ends at the close; Connection: close is honoured", async () => {
    const { origin, connections } = await rawServer((socket, _req, n) => {
      if (n === 1) socket.end("HTTP/1.1 200 OK\r\n\r\nuntil close");
      else
        socket.end(
          "HTTP/1.1 503 Service Unavailable\r\nContent-Length: 4\r\nConnection: close\r\n\r\nbusy",
        );
    });
    const p = pool(origin, 1);
    expect(await p.post("/", {}, "")).toEqual({ status: 200, body: "until close" });
    expect(await p.post("/", {}, "")).toEqual({ status: 503, body: "busy" });
    expect(connections()).toBe(2);
  });

  it("requests beyond the connections wait, then go out as connections free up", async () => {
    let inFlight = 0;
    let most = 0;
    const server = createHttpServer(async (req, res) => {
      inFlight++;
      most = Math.max(most, inFlight);
      await readBody(req);
      setTimeout(() => {
        inFlight--;
        res.end(req.url);
      }, 10);
    });
    const p = pool(await listen(server), 3);
    const answers = await Promise.all(
      Array.from({ length: 12 }, (_, i) => p.post(`/${i}`, {}, "")),
    );
    expect(answers.map((a) => a.body)).toEqual(Array.from({ length: 12 }, (_, i) => `/${i}`));
    expect(most).toBe(3);
  });

  it("fails a request the server never answers, after the timeout, and goes on", async () => {
    const { origin } = await rawServer((socket, req) => {
      if (req.body === "answer") socket.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
    });
    const p = pool(origin, 1, 200);
    const started = Date.now();
    await expect(p.post("/", {}, "hang")).rejects.toThrow("no answer within 200 ms");
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(await p.post("/", {}, "answer")).toEqual({ status: 200, body: "ok" });
  });

  it("a connection the server closes while idle is dropped, and the next request opens another", async () => {
    const server = createHttpServer((req, res) => {
      req.resume();
      req.on("end", () => res.end("ok"));
    });
    server.keepAliveTimeout = 50;
    const p = pool(await listen(server), 1);
    expect((await p.post("/", {}, "")).body).toBe("ok");
    await new Promise((r) => setTimeout(r, 200));
    expect((await p.post("/", {}, "")).body).toBe("ok");
  });

  it("a reset mid-answer, bytes nobody asked for and a garbled status line fail the request", async () => {
    const { origin } = await rawServer((socket, req) => {
      if (req.body === "reset") {
        socket.write("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc");
        setTimeout(() => socket.destroy(), 10);
      } else if (req.body === "extra") {
        socket.write("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nokHTTP/1.1 200 OK\r\n");
      } else socket.write("SSH-2.0-OpenSSH\r\n\r\n");
    });
    const p = pool(origin, 1);
    await expect(p.post("/", {}, "reset")).rejects.toThrow("closed the connection");
    // The answer itself was whole: it resolves, and the connection is dropped, not reused.
    expect(await p.post("/", {}, "extra")).toEqual({ status: 200, body: "ok" });
    await expect(p.post("/", {}, "garbled")).rejects.toThrow("not an HTTP/1.x answer");
  });

  it("does not reuse a connection answered before its request was all written", async () => {
    let connections = 0;
    const server = createServer((socket) => {
      connections++;
      let answered = false;
      // Answers at the first bytes, as a server refusing a body by its declared length may.
      socket.on("data", () => {
        if (answered) return;
        answered = true;
        socket.write("HTTP/1.1 413 Payload Too Large\r\nContent-Length: 3\r\n\r\nbig");
      });
      socket.on("error", () => {});
    });
    const p = pool(await listen(server), 1);
    expect(await p.post("/", {}, new Uint8Array(16 * 1024 * 1024))).toEqual({
      status: 413,
      body: "big",
    });
    expect(await p.post("/", {}, "small")).toEqual({ status: 413, body: "big" });
    expect(connections).toBe(2);
  });

  it("refuses a header or path that would split the request, and fails what waits when closed", async () => {
    const { origin } = await rawServer(() => {});
    const p = pool(origin, 1);
    await expect(p.post("/", { "x-a": "1\r\nx-b: 2" }, "")).rejects.toThrow("line break");
    await expect(p.post("/a b HTTP/1.1\r\nx: y", {}, "")).rejects.toThrow("space or control");
    const held = p.post("/", {}, "");
    const queued = p.post("/", {}, "");
    p.close();
    await expect(held).rejects.toThrow("closed");
    await expect(queued).rejects.toThrow("closed");
    await expect(p.post("/", {}, "")).rejects.toThrow("closed");
  });

  it("a refused connection fails the request (a transient error to the generator)", async () => {
    const server = createServer();
    const origin = await listen(server);
    server.close();
    await new Promise((r) => setTimeout(r, 20));
    const p = pool(origin, 1);
    await expect(p.post("/", {}, "")).rejects.toThrow();
  });

  it("speaks HTTPS, verifying the server's certificate", async () => {
    const dir = mkdtempSync(join(tmpdir(), "gg-http1-"));
    try {
      const made = await runChild("openssl", [
        "req",
        "-x509",
        "-newkey",
        "rsa:2048",
        "-nodes",
        "-days",
        "1",
        "-subj",
        "/CN=localhost",
        "-addext",
        "subjectAltName=DNS:localhost",
        "-keyout",
        join(dir, "key.pem"),
        "-out",
        join(dir, "cert.pem"),
      ]);
      expect(made.status, made.stderr).toBe(0);
      const cert = readFileSync(join(dir, "cert.pem"));
      const server = createHttpsServer(
        { key: readFileSync(join(dir, "key.pem")), cert },
        (req, res) => {
          req.resume();
          req.on("end", () => res.end(`tls ${req.url}`));
        },
      );
      const origin = (await listen(server)).replace("http://127.0.0.1", "https://localhost");
      const trusted = http1Pool({ origin, connections: 2, timeoutMs: 2_000, ca: cert });
      closers.unshift(() => trusted.close());
      expect(await trusted.post("/x", {}, "{}")).toEqual({ status: 200, body: "tls /x" });
      const untrusted = pool(origin);
      await expect(untrusted.post("/x", {}, "{}")).rejects.toThrow(/self[- ]signed|certificate/i);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
