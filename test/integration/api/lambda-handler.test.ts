// The Lambda entry (functions/api.ts) called with real-shaped HTTP API v2 events answers exactly
// as the same app behind a real Node HTTP server does.
import type { AddressInfo } from "node:net";
import { buildRuntime, createApp } from "@gg/api";
import { serve } from "@hono/node-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testSettings } from "../../support/api";
import {
  awsConfig,
  type FreshBucket,
  type FreshDatabase,
  freshBucket,
  freshDatabase,
  suffix,
} from "../../support/fixtures";
import { jpeg } from "../../support/images";
import { httpApiV2Event, lambdaContext } from "../../support/lambda";
import { stack } from "../../support/stack";

type Handler = (
  event: unknown,
  context: unknown,
) => Promise<{
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: boolean;
}>;

let db: FreshDatabase;
let bucket: FreshBucket;
let handler: Handler;
let server: ReturnType<typeof serve>;
let base: string;
let closeRuntime: () => Promise<void>;
const savedEnv = { ...process.env };

beforeAll(async () => {
  db = await freshDatabase();
  bucket = await freshBucket();
  const prefix = `t${suffix(4)}.`;
  const aws = awsConfig();
  // functions/config.ts reads these when not deployed by SST.
  Object.assign(process.env, {
    DATABASE_URL: db.url,
    KAFKA_BROKERS: stack.kafkaBrokers.join(","),
    KAFKA_TOPIC_PREFIX: prefix,
    S3_ENDPOINT: aws.endpoint,
    S3_BUCKET: bucket.bucket,
    AWS_REGION: aws.region,
    AWS_ACCESS_KEY_ID: aws.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: aws.credentials.secretAccessKey,
  });
  ({ handler } = (await import("../../../functions/api")) as unknown as { handler: Handler });
  const runtime = buildRuntime(testSettings(db, bucket, prefix), {
    info: () => {},
    error: () => {},
  });
  closeRuntime = runtime.close;
  server = serve({ fetch: createApp(runtime.deps).fetch, port: 0, hostname: "127.0.0.1" });
  await new Promise((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  // Files share one fork: leave the environment as this file found it.
  for (const k of Object.keys(process.env)) if (!(k in savedEnv)) delete process.env[k];
  Object.assign(process.env, savedEnv);
  await new Promise((r) => server?.close(r));
  await closeRuntime?.();
  await bucket?.drop().catch(() => {});
  await db?.drop();
});

/** The same request through the Lambda handler and the Node server: [lambda, node]. */
async function both(make: () => Request) {
  const viaLambda = await handler(await httpApiV2Event(make()), lambdaContext());
  const req = make();
  const viaNode = await fetch(`${base}${new URL(req.url).pathname}${new URL(req.url).search}`, {
    method: req.method,
    headers: req.headers,
    body: req.body ? await req.arrayBuffer() : undefined,
  });
  const lambdaBody = viaLambda.isBase64Encoded
    ? Buffer.from(viaLambda.body, "base64").toString()
    : viaLambda.body;
  return {
    lambda: {
      status: viaLambda.statusCode,
      type: viaLambda.headers["content-type"],
      body: JSON.parse(lambdaBody),
    },
    node: {
      status: viaNode.status,
      type: viaNode.headers.get("content-type") ?? undefined,
      body: await viaNode.json(),
    },
  };
}

const json = (path: string, body: unknown) => () =>
  new Request(`http://x${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("functions/api.ts handler with API Gateway v2 events", () => {
  let userId: string;

  it("creates a user, and the node server returns the same existing row", async () => {
    const { lambda, node } = await both(json("/users/", { username: "lambda_user_1" }));
    expect(lambda.status).toBe(200);
    expect(lambda).toEqual(node);
    userId = lambda.body.id;
  });

  it("accepts a base64 multipart upload like a direct multipart POST", async () => {
    const form = () => {
      const f = new FormData();
      f.set("user_id", userId);
      f.set("category", "Egg");
      f.set("file", new File([jpeg()], "egg.jpg"));
      return new Request("http://x/upload/", { method: "POST", body: f });
    };
    const { lambda, node } = await both(form);
    expect(lambda.status).toBe(200);
    expect(node.status).toBe(200);
    const strip = ({ id, s3_url, created_at, ...rest }: Record<string, unknown>) => rest;
    expect(strip(lambda.body)).toEqual(strip(node.body));
    const stored = await bucket.store.get(`${lambda.body.id}.jpg`);
    expect(Buffer.from(stored?.body ?? []).equals(Buffer.from(jpeg()))).toBe(true);
  });

  it("answers errors identically: 404, 422, 415, and the query-string routes", async () => {
    const missing = "00000000-0000-4000-8000-000000000000";
    for (const make of [
      () => new Request(`http://x/images/${missing}/view`, { method: "POST" }),
      json("/comments", { image_id: "nope" }),
      json("/flags", { user_id: missing, reason: "spam" }),
      () => new Request("http://x/images?limit=1"),
      () => new Request("http://x/health"),
    ]) {
      const { lambda, node } = await both(make);
      expect(lambda.status).toBe(node.status);
      expect(lambda.type).toBe(node.type);
      if (lambda.status !== 200) expect(lambda.body).toEqual(node.body);
    }
  });
});
