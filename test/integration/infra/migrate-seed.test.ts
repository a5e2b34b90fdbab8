// functions/migrate.ts on deploy: on a stage whose traffic is on by default it seeds the one
// background stream (so the rule the deploy creates ENABLED has something to run), once: later
// deploys, and stages that are off by default, seed nothing.
import { deleteBucket } from "@gg/core/storage";
import { DEFAULT_RATE_CEILINGS } from "@gg/traffic/scenarios";
import * as Streams from "@gg/traffic/streams";
import { afterAll, afterEach, describe, expect, it, vi } from "vitest";
import { awsConfig, type FreshDatabase, freshDatabase, suffix } from "../../support/fixtures";

type Migrate = () => Promise<{ applied: string[]; seeded: boolean }>;
const savedEnv = { ...process.env };
const dbs: FreshDatabase[] = [];
const buckets: string[] = [];

/** A cold start of the migrate function on a fresh database, configured by plain variables. */
async function coldMigrate(onByDefault: boolean) {
  const db = await freshDatabase({ migrate: false });
  dbs.push(db);
  const aws = awsConfig();
  const bucket = `gg-test-migrate-${suffix()}`;
  buckets.push(bucket);
  for (const k of ["KAFKA_BROKERS", "GG_LOCAL_STACK", "MIGRATIONS_DIR"]) delete process.env[k];
  Object.assign(process.env, {
    DATABASE_URL: db.url,
    S3_ENDPOINT: aws.endpoint,
    S3_BUCKET: bucket,
    AWS_ACCESS_KEY_ID: aws.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: aws.credentials.secretAccessKey,
    GG_TRAFFIC_ON_BY_DEFAULT: onByDefault ? "1" : "0",
  });
  vi.resetModules();
  const { handler } = (await import("../../../functions/migrate")) as { handler: Migrate };
  return { db, handler };
}

afterEach(() => {
  for (const k of Object.keys(process.env)) if (!(k in savedEnv)) delete process.env[k];
  Object.assign(process.env, savedEnv);
});
afterAll(async () => {
  for (const db of dbs) await db.drop();
  for (const bucket of buckets) await deleteBucket({ bucket, ...awsConfig() }).catch(() => {});
});

describe("functions/migrate.handler seeds the default traffic", () => {
  it("seeds one background stream on a fresh stage whose traffic is on, then never again", async () => {
    const { db, handler } = await coldMigrate(true);
    const first = await handler();
    expect(first.applied.length).toBeGreaterThan(0);
    expect(first.seeded).toBe(true);
    const streams = await Streams.list(db.pool);
    expect(streams).toHaveLength(1);
    expect(streams[0]).toMatchObject({
      stream_id: Streams.BACKGROUND_STREAM_ID,
      scenario: "gourmetgram",
      status: "running",
      config: { rate: "150/h", seed: "background" },
    });
    // What was seeded is a configuration the control API itself would accept.
    expect(() =>
      Streams.validateStart(Streams.StartStream.parse(streams[0]?.config), DEFAULT_RATE_CEILINGS),
    ).not.toThrow();

    expect((await handler()).seeded).toBe(false);
    // Someone stops it: the next deploy respects that.
    await Streams.stop(db.pool, Streams.BACKGROUND_STREAM_ID);
    expect(await handler()).toEqual({ applied: [], seeded: false });
    expect(await Streams.list(db.pool, "running")).toEqual([]);
  });

  it("seeds nothing where traffic is off by default", async () => {
    const { db, handler } = await coldMigrate(false);
    expect((await handler()).seeded).toBe(false);
    expect(await Streams.list(db.pool)).toEqual([]);
  });
});
