// `pnpm bench lambda [--warm 200] [--cold 3]`: the API function on the emulator, deployed by
// `emulate up` (own stage, fresh database) and run by the no-Docker executor.
// - Cold start: the function's configuration is touched (a new version: LocalStack drops its
//   environments), then one request; through the Lambda Invoke API and through the Function URL.
//   Init Duration is read from the REPORT line LocalStack returns with LogType Tail.
// - Warm: `--warm` sequential GET /users/{id} through the Function URL (forwarder + LocalStack's
//   URL router + executor), and as many direct Invokes of the same event.
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import {
  GetFunctionConfigurationCommand,
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
    const user = (await (
      await fetch(new URL("/users/", url), {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ username: `bench_${randomUUID().slice(0, 6)}` }),
      })
    ).json()) as { id: string };
    const path = `/users/${user.id}`;
    const event = JSON.stringify({
      version: "2.0",
      routeKey: "$default",
      rawPath: path,
      rawQueryString: "",
      headers: { host: "bench.lambda-url.us-east-1.on.aws" },
      requestContext: {
        http: {
          method: "GET",
          path,
          protocol: "HTTP/1.1",
          sourceIp: "127.0.0.1",
          userAgent: "bench",
        },
        requestId: "bench",
        routeKey: "$default",
        stage: "$default",
        timeEpoch: Date.now(),
      },
      isBase64Encoded: false,
    });
    const viaUrl = async () => {
      const res = await fetch(new URL(path, url));
      if (res.status !== 200) throw new Error(`GET ${path}: ${res.status}`);
      await res.arrayBuffer();
    };
    let lastInit = Number.NaN;
    const viaInvoke = async () => {
      const out = await lambda.send(
        new InvokeCommand({ FunctionName: api.name, Payload: Buffer.from(event), LogType: "Tail" }),
      );
      if (out.FunctionError) throw new Error(Buffer.from(out.Payload ?? []).toString());
      const tail = Buffer.from(out.LogResult ?? "", "base64").toString();
      lastInit = Number(/Init Duration: ([\d.]+) ms/.exec(tail)?.[1] ?? Number.NaN);
    };
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
    const warmUrl: number[] = [];
    for (let i = 0; i < WARM; i++) warmUrl.push(await timed(viaUrl));
    const warmInvoke: number[] = [];
    for (let i = 0; i < WARM; i++) warmInvoke.push(await timed(viaInvoke));

    const row = (name: string, xs: number[]) => [
      name,
      String(xs.length),
      quantile(xs, 0.5).toFixed(1),
      quantile(xs, 0.99).toFixed(1),
      Math.max(...xs).toFixed(1),
    ];
    console.log(
      `\nAPI function (${api.memorySize} MB, ${api.runtime}) on LocalStack, gg-node executor; GET /users/{id}`,
    );
    for (const line of table(
      ["measure", "n", "p50 ms", "p99 ms", "max ms"],
      [
        row("cold start, Invoke API (wall)", coldInvoke),
        row("  of which Init Duration", coldInit),
        row("cold start, Function URL (wall)", coldUrl),
        row("warm, Function URL", warmUrl),
        row("warm, Invoke API", warmInvoke),
      ],
    )) {
      console.log(line);
    }
  } finally {
    await down(config, () => {});
    await dropDatabase(adminUrl, database);
  }
}
