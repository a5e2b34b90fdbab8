// An API wired to the real local stack, isolated per test file: its own database, bucket and
// topic prefix. What it builds it tears down.

import type { App } from "@gg/api";
import { type ApiSettings, buildRuntime, createApp, type Runtime } from "@gg/api";
import {
  awsConfig,
  dropTopicsWithPrefix,
  type FreshBucket,
  type FreshDatabase,
  freshBucket,
  freshDatabase,
  suffix,
} from "./fixtures";
import type { Bytes } from "./images";
import { stack } from "./stack";

export interface TestApi {
  app: App;
  runtime: Runtime;
  db: FreshDatabase;
  bucket: FreshBucket;
  /** Prefix of this API's topics: `${topicPrefix}gourmetgram.views` etc. */
  topicPrefix: string;
  settings: ApiSettings;
  close(): Promise<void>;
}

const silent = { info: () => {}, error: () => {} };

/** Settings for an API on the local stack; `kafkaBrokers` lets a test point it at a dead port. */
export function testSettings(
  db: FreshDatabase,
  bucket: FreshBucket,
  topicPrefix: string,
  overrides: { kafkaBrokers?: string[]; apiKey?: string; uploadMaxBytes?: number } = {},
): ApiSettings {
  const aws = awsConfig();
  return {
    api: {
      uploadMaxBytes: overrides.uploadMaxBytes ?? 10 * 1024 * 1024,
      flush: "await",
      presignSeconds: 300,
      relayPeriodSeconds: 60,
      apiKey: overrides.apiKey,
    },
    databaseUrl: db.url,
    databasePoolSize: 10,
    databasePreparedStatements: true,
    kafka: {
      brokers: overrides.kafkaBrokers ?? stack.kafkaBrokers,
      clientId: "gg-test-api",
      logLevel: "nothing",
      ssl: false,
      topicPrefix,
    },
    eventsDir: "/nonexistent",
    storage: {
      kind: "s3",
      bucket: bucket.bucket,
      region: aws.region,
      endpoint: aws.endpoint,
      credentials: aws.credentials,
    },
  };
}

/** A fresh API on the local stack. */
export async function startTestApi(
  overrides: Parameters<typeof testSettings>[3] = {},
): Promise<TestApi> {
  const db = await freshDatabase();
  const bucket = await freshBucket();
  const topicPrefix = `t${suffix(4)}.`;
  const settings = testSettings(db, bucket, topicPrefix, overrides);
  const runtime = buildRuntime(settings, silent);
  return {
    app: createApp(runtime.deps),
    runtime,
    db,
    bucket,
    topicPrefix,
    settings,
    async close() {
      await runtime.close();
      await bucket.drop().catch(() => {});
      await dropTopicsWithPrefix(topicPrefix);
      await db.drop();
    },
  };
}

/** Anything requested by path the way Hono's `app.request` is: the app itself, or a base URL. */
export interface Requester {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

/** A Requester on a deployed base URL (`http://127.0.0.1:<port>/`). */
export const urlRequester = (base: string): Requester => ({
  request: (path, init) => fetch(new URL(path, base), init),
});

/** A JSON POST through `app.request`. */
export const postJson = (
  app: Requester,
  path: string,
  body: unknown,
  headers: Record<string, string> = {},
) =>
  app.request(path, {
    method: "POST",
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  });

/** A multipart upload through `app.request`. */
export function upload(
  app: Requester,
  fields: Record<string, string>,
  file: { bytes: Bytes; name?: string } | undefined,
  headers: Record<string, string> = {},
) {
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.set(k, v);
  if (file) form.set("file", new File([file.bytes], file.name ?? "photo.jpg"));
  return app.request("/upload/", { method: "POST", body: form, headers });
}
