import { createRandom } from "@gg/core/random";
import { createS3Store } from "@gg/core/storage";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awsConfig, type FreshBucket, freshBucket } from "../../support/fixtures";

const SEED = Number(process.env.TEST_SEED ?? 20261128);

describe(`S3 object store against LocalStack (seed ${SEED})`, () => {
  const r = createRandom(SEED, "s3");
  let b: FreshBucket;
  beforeAll(async () => {
    b = await freshBucket();
  });
  afterAll(() => b?.drop());

  const bytes = (n: number) => Uint8Array.from({ length: n }, () => r.int(0, 255));

  it("puts with a content type, gets the same bytes and type back", async () => {
    const body = bytes(50_000);
    const key = `${r.uuid()}.png`;
    expect(await b.store.put(key, body, "image/png")).toEqual({ url: `s3://${b.bucket}/${key}` });
    const got = await b.store.get(key);
    expect(got?.contentType).toBe("image/png");
    expect(Buffer.from(got?.body ?? []).equals(Buffer.from(body))).toBe(true);
  });

  it("presigns a URL that fetches the object over plain HTTP, without credentials", async () => {
    const body = bytes(10_000);
    const key = `${r.uuid()}.jpg`;
    await b.store.put(key, body, "image/jpeg");
    const url = await b.store.presign(key, 60);
    expect(url).toMatch(/X-Amz-Signature=/);
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/jpeg");
    expect(Buffer.from(await res.arrayBuffer()).equals(Buffer.from(body))).toBe(true);
  });

  it("deletes, after which get answers null (and a second delete is fine)", async () => {
    const key = `${r.uuid()}.webp`;
    await b.store.put(key, bytes(100), "image/webp");
    await b.store.delete(key);
    expect(await b.store.get(key)).toBeNull();
    await b.store.delete(key);
  });

  it("pings its bucket; ensureBucket is idempotent", async () => {
    await b.store.ping();
    await b.store.ensureBucket();
  });

  it("calls a missing bucket an error and a dead endpoint UNAVAILABLE", async () => {
    const missing = createS3Store({ ...awsConfig(), bucket: `gg-missing-${r.int(0, 1e9)}` });
    await expect(missing.ping()).rejects.toMatchObject({ dependency: "s3" });
    const dead = createS3Store({
      ...awsConfig(),
      endpoint: "http://127.0.0.1:1",
      bucket: b.bucket,
    });
    await expect(dead.get("x")).rejects.toMatchObject({ code: "UNAVAILABLE", retriable: true });
  });
});
