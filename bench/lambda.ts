// `pnpm bench lambda [--warm 200] [--cold 3]`: the API function on the emulator, deployed by
// `emulate up` (own stage, fresh database) and run by the no-Docker executor.
// - Cold start: the function's configuration is touched (a new version: LocalStack drops its
//   environments), then one request; through the Lambda Invoke API and through the Function URL.
//   Init Duration is read from the REPORT line LocalStack returns with LogType Tail.
// - Warm: `--warm` sequential writes (POST /comments/: the row, its event, the flush to Kafka
//   before the answer) and reads (GET /users/{id}) through the Function URL, each hop apart so the
//   milliseconds can be placed: through the forwarder (what clients use), straight to LocalStack's
//   gateway with the URL's Host header, through the Invoke API, and the REPORT line's Duration
//   (the executor's time from handing the event to node to reading its answer).
// The last line: `lambda: warm write p50 <X> ms through the Function URL (<D> ms in the function),
// read p50 <Y> ms, cold start <C> ms`.
import { randomUUID } from "node:crypto";
import { request } from "node:http";
import { parseArgs } from "node:util";
import {
  GetFunctionConfigurationCommand,
  GetFunctionUrlConfigCommand,
  InvokeCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionUpdatedV2,
} from "@aws-sdk/client-lambda";
import { createDatabase, dropDatabase } from "@gg/core/db";
import { down, loadEmulateConfig, up } from "@gg/emulate";
import { table } from "./api/report";

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.ceil(q * s.length) - 1)] ?? Number.NaN;
};
const timed = async (f: () => Promise<unknown>) => {
  const t = performance.now();
  await f();
  return performance.now() - t;
};

/** An API Gateway v2 / Function URL event, as LocalStack's URL router builds it. */
function urlEvent(method: string, path: string, body?: string) {
  return JSON.stringify({
    version: "2.0",
    routeKey: "$default",
    rawPath: path,
    rawQueryString: "",
    headers: {
      host: "bench.lambda-url.us-east-1.on.aws",
      ...(body ? { "content-type": "application/json" } : {}),
    },
    requestContext: {
      http: { method, path, protocol: "HTTP/1.1", sourceIp: "127.0.0.1", userAgent: "bench" },
      requestId: "bench",
      routeKey: "$default",
      stage: "$default",
      timeEpoch: Date.now(),
    },
    ...(body ? { body } : {}),
    isBase64Encoded: false,
  });
}

/** One request to LocalStack's gateway itself, routed by the Function URL's Host header. */
function direct(gateway: URL, host: string, method: string, path: string, body?: string) {
  return new Promise<number>((resolve, reject) => {
    const req = request(
      {
        host: gateway.hostname,
        port: gateway.port,
        method,
        path,
        headers: {
          host,
          ...(body
            ? { "content-type": "application/json", "content-length": Buffer.byteLength(body) }
            : {}),
        },
      },
      (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode ?? 0));
      },
    );
    req.on("error", reject);
    req.end(body);
  });
}

/** `pnpm bench lambda`: cold and warm latency of the API function on the emulator. */
export async function run(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: { warm: { type: "string", default: "200" }, cold: { type: "string", default: "3" } },
  });
  const WARM = Number(values.warm);
  const COLD = Number(values.cold);

  const base = loadEmulateConfig(process.env, process.getuid?.() ?? -1);
  const adminUrl = `postgres://postgres:postgres@${base.services.host}:${base.services.pgPort}/postgres`;
  const database = `gg_bench_${randomUUID().slice(0, 8)}`;
  await createDatabase(adminUrl, database);
  const config = { ...base, stage: `bench${randomUUID().slice(0, 4)}`, database };

  try {
    console.log(`deploying stage ${config.stage} (emulate up)...`);
    const deployed = await up(config, () => {});
    const api = deployed.plan.functions.find((f) => f.source === "functions/api.handler")!;
    const url = deployed.urls.api!;
    const lambda = deployed.aws.lambda;
    const functionUrl = (
      await lambda.send(new GetFunctionUrlConfigCommand({ FunctionName: api.name }))
    ).FunctionUrl;
    const urlId = String(functionUrl)
      .replace(/^https?:\/\//, "")
      .split(".")[0];
    const host = `${urlId}.lambda-url.${config.region}.localhost.localstack.cloud:${config.services.localstackPort}`;
    const gateway = new URL(
      config.endpoint ?? `http://127.0.0.1:${config.services.localstackPort}`,
    );

    const post = async (path: string, body: unknown) => {
      const res = await fetch(new URL(path, url), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      if (res.status !== 200) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as { id: string };
    };
    const user = await post("/users/", { username: `bench_${randomUUID().slice(0, 6)}` });
    const form = new FormData();
    form.set("user_id", user.id);
    // A real 1×1 PNG: the upload stores it in the stage's bucket on LocalStack.
    const png = Buffer.from(
      "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==",
      "base64",
    );
    form.set("file", new File([png], "dot.png"));
    const uploaded = await fetch(new URL("/upload/", url), { method: "POST", body: form });
    if (uploaded.status !== 200)
      throw new Error(`upload: ${uploaded.status} ${await uploaded.text()}`);
    const image = (await uploaded.json()) as { id: string };
    const read = `/users/${user.id}`;
    let n = 0;
    const comment = () =>
      JSON.stringify({ image_id: image.id, user_id: user.id, content: `bench comment ${n++}` });

    const viaUrl = async () => {
      const res = await fetch(new URL(read, url));
      if (res.status !== 200) throw new Error(`GET ${read}: ${res.status}`);
      await res.arrayBuffer();
    };
    const writeViaUrl = async () => {
      const res = await fetch(new URL("/comments/", url), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: comment(),
      });
      if (res.status !== 200) throw new Error(`POST /comments/: ${res.status}`);
      await res.arrayBuffer();
    };
    const writeDirect = async () => {
      const status = await direct(gateway, host, "POST", "/comments/", comment());
      if (status !== 200) throw new Error(`POST /comments/ on the gateway: ${status}`);
    };
    let lastInit = Number.NaN;
    let lastDuration = Number.NaN;
    const invoke = async (event: string) => {
      const out = await lambda.send(
        new InvokeCommand({ FunctionName: api.name, Payload: Buffer.from(event), LogType: "Tail" }),
      );
      if (out.FunctionError) throw new Error(Buffer.from(out.Payload ?? []).toString());
      const tail = Buffer.from(out.LogResult ?? "", "base64").toString();
      lastInit = Number(/Init Duration: ([\d.]+) ms/.exec(tail)?.[1] ?? Number.NaN);
      lastDuration = Number(/\tDuration: ([\d.]+) ms/.exec(tail)?.[1] ?? Number.NaN);
    };
    const viaInvoke = () => invoke(urlEvent("GET", read));
    const writeViaInvoke = () => invoke(urlEvent("POST", "/comments/", comment()));
    // A configuration change publishes a new $LATEST: LocalStack stops the old environments.
    const makeCold = async (i: number) => {
      const cfg = await lambda.send(
        new GetFunctionConfigurationCommand({ FunctionName: api.name }),
      );
      const Variables = { ...cfg.Environment?.Variables, GG_BENCH_COLD: String(i) };
      await lambda.send(
        new UpdateFunctionConfigurationCommand({
          FunctionName: api.name,
          Environment: { Variables },
        }),
      );
      await waitUntilFunctionUpdatedV2(
        { client: lambda, maxWaitTime: 60, minDelay: 1, maxDelay: 1 },
        { FunctionName: api.name },
      );
    };

    const coldInvoke: number[] = [];
    const coldInit: number[] = [];
    const coldUrl: number[] = [];
    for (let i = 0; i < COLD; i++) {
      await makeCold(2 * i);
      coldInvoke.push(await timed(viaInvoke));
      coldInit.push(lastInit);
      await makeCold(2 * i + 1);
      coldUrl.push(await timed(viaUrl));
    }
    for (let i = 0; i < 10; i++) await viaUrl(); // settle: connections, JIT
    for (let i = 0; i < 10; i++) await writeViaUrl();
    const sample = async (f: () => Promise<unknown>, also?: () => number) => {
      const wall: number[] = [];
      const inside: number[] = [];
      for (let i = 0; i < WARM; i++) {
        wall.push(await timed(f));
        if (also) inside.push(also());
      }
      return { wall, inside };
    };
    const writes = {
      url: await sample(writeViaUrl),
      direct: await sample(writeDirect),
      invoke: await sample(writeViaInvoke, () => lastDuration),
    };
    const reads = {
      url: await sample(viaUrl),
      invoke: await sample(viaInvoke, () => lastDuration),
    };

    const row = (name: string, xs: number[]) => [
      name,
      String(xs.length),
      quantile(xs, 0.5).toFixed(1),
      quantile(xs, 0.99).toFixed(1),
      Math.max(...xs).toFixed(1),
    ];
    console.log(
      `\nAPI function (${api.memorySize} MB, ${api.runtime}) on LocalStack, gg-node executor; warm write POST /comments/ (row, event, flush to Kafka), read GET /users/{id}`,
    );
    for (const line of table(
      ["measure", "n", "p50 ms", "p99 ms", "max ms"],
      [
        row("cold start, Invoke API (wall)", coldInvoke),
        row("  of which Init Duration", coldInit),
        row("cold start, Function URL (wall)", coldUrl),
        row("warm write, Function URL", writes.url.wall),
        row("  straight to LocalStack's gateway", writes.direct.wall),
        row("  through the Invoke API", writes.invoke.wall),
        row("  in the function (REPORT Duration)", writes.invoke.inside),
        row("warm read, Function URL", reads.url.wall),
        row("  through the Invoke API", reads.invoke.wall),
        row("  in the function (REPORT Duration)", reads.invoke.inside),
      ],
    )) {
      console.log(line);
    }
    const p50 = (xs: number[]) => quantile(xs, 0.5).toFixed(1);
    console.log(
      `lambda: warm write p50 ${p50(writes.url.wall)} ms through the Function URL (${p50(writes.invoke.inside)} ms in the function), read p50 ${p50(reads.url.wall)} ms, cold start ${p50(coldUrl)} ms`,
    );
  } finally {
    await down(config, () => {});
    await dropDatabase(adminUrl, database);
  }
}
