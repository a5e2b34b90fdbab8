// POST /stream/plan against the real database: a minute previewed is, event by event, what that
// minute then fires. The minute fires (backfilled, so no waiting) at a null sink that answers 200
// and keeps each request's idempotency key, planned time (the event-time header), route and
// body: the preview's keys, times, kinds, actors and targets must be exactly those. The world is
// made through the real API first (20 users and images). Bad previews are located 422s.
// Wall time: a few seconds (one minute of 10/s, ~600 events, at an in-process sink).

import { buildControlRuntime, ControlSettings, createControlApp } from "@gg/control";
import { EVENT_TIME_HEADER } from "@gg/core/db";
import { runTick } from "@gg/traffic/generator";
import {
  type ApiTarget,
  bootstrap,
  gourmetgramScenario,
  inProcessTarget,
} from "@gg/traffic/gourmetgram";
import { bundledFood11Root, food11Index } from "@gg/traffic/gourmetgram/images";
import * as Streams from "@gg/traffic/streams";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../support/api";

const SEED = process.env.TEST_SEED ?? "stream-plan";
const MINUTE = "2026-11-02T10:00:00.000Z";
let api: TestApi;
let control: Awaited<ReturnType<typeof buildControlRuntime>>;
let app: ReturnType<typeof createControlApp>;

beforeAll(async () => {
  api = await startTestApi();
  const dataset = await food11Index(bundledFood11Root());
  await bootstrap({
    db: api.db.pool,
    target: inProcessTarget(api.app),
    dataset,
    seed: SEED,
    users: 20,
    images: 20,
    testAccountRate: 0,
  });
  control = await buildControlRuntime(
    ControlSettings.parse({ databaseUrl: api.db.url, kafka: null, schedule: null }),
    { info: () => {}, error: () => {} },
  );
  app = createControlApp({ ...control.deps, dataset: async () => dataset });
}, 60_000);
afterAll(async () => {
  await control?.close();
  await api?.close();
});

const plan = async (body: unknown) => {
  const res = await app.request("/stream/plan", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  // biome-ignore lint/suspicious/noExplicitAny: checked field by field below
  return { status: res.status, body: (await res.json()) as any };
};

interface Received {
  key: string;
  at: string;
  path: string;
  body: string;
}

/** A target that answers 200 at once and keeps what each request carried. */
function nullSink(received: Received[]): ApiTarget {
  const target: ApiTarget = {
    baseUrl: "http://sink.localhost",
    async send(r) {
      received.push({
        key: r.headers["idempotency-key"] ?? "",
        at: r.headers[EVENT_TIME_HEADER] ?? "",
        path: r.path,
        body: typeof r.body === "string" ? r.body : "",
      });
      return { status: 200, body: "{}" };
    },
    preconnect: () => {},
    lane: () => target,
    close: async () => {},
  };
  return target;
}

describe("POST /stream/plan", () => {
  it("previews a minute that then fires identically, event by event, at a null sink", async () => {
    const stream = await Streams.create(
      api.db.pool,
      Streams.StartStream.parse({ rate: "10/s", seed: SEED, mix: "realistic" }),
    );
    const preview = await plan({ stream_id: stream.stream_id, minute: MINUTE, limit: 1000 });
    expect(preview.status).toBe(200);
    const p = preview.body;
    expect(p).toMatchObject({ stream_id: stream.stream_id, config_version: 1, dataset: true });
    expect(p.expected).toBe(600);
    expect(p.events).toHaveLength(p.count);
    // Nothing was written: no minute claimed.
    const claimed = await api.db.pool.query("SELECT 1 FROM traffic_minutes");
    expect(claimed.rowCount).toBe(0);

    const received: Received[] = [];
    const dataset = await food11Index(bundledFood11Root());
    const result = await runTick({
      db: api.db.pool,
      scenarios: {
        gourmetgram: gourmetgramScenario({
          target: nullSink(received),
          dataset: async () => dataset,
          concurrency: 64,
        }),
      },
      minute: new Date(MINUTE),
      timing: { mode: "backfill" },
      streamIds: [stream.stream_id],
      log: () => {},
    });
    const outcome = result.streams[0];
    if (!outcome || !("record" in outcome))
      throw new Error(`the minute failed: ${JSON.stringify(outcome)}`);
    expect(outcome.record.actorsCreated, "the world was big enough: nothing created").toBe(0);

    const planned = (p.events as { status: string }[]).filter((e) => e.status === "planned");
    const sent = new Map(received.map((r) => [r.key, r]));
    expect(received).toHaveLength(planned.length);
    expect(sent.size).toBe(received.length);
    const minuteMs = Date.parse(MINUTE);
    const paths: Record<string, string> = {
      user: "/users/",
      upload: "/upload/",
      view: "/images/",
      comment: "/comments/",
      flag: "/flags/",
    };
    for (const e of p.events) {
      const r = sent.get(e.idempotency_key);
      if (e.status === "skipped") {
        expect(r, `skipped event ${e.index} was sent`).toBeUndefined();
        continue;
      }
      expect(r, `event ${e.index} (${e.kind}) never reached the sink`).toBeDefined();
      expect(r!.at).toBe(new Date(minuteMs + e.offset_ms).toISOString());
      expect(r!.path.startsWith(paths[e.kind]!)).toBe(true);
      if (e.actor && e.kind !== "upload") expect(r!.path + r!.body).toContain(e.actor);
      if (e.target) expect(r!.path + r!.body).toContain(e.target);
    }
    // Uploads are multipart (their body is not kept here): their actor is in the form.
    // The counts by kind are the minute's record's.
    for (const [kind, k] of Object.entries(outcome.record.byKind)) {
      expect({ kind, planned: p.by_kind[kind].planned, skipped: p.by_kind[kind].skipped }).toEqual({
        kind,
        planned: k.planned,
        skipped: k.skipped,
      });
    }
  }, 60_000);

  it("previews a start body as it would start, seeded", async () => {
    const a = await plan({ rate: "10/s", seed: 7, minute: "2026-12-01T10:00Z", limit: 3 });
    expect(a.status).toBe(200);
    expect(a.body).toMatchObject({ stream_id: null, config_version: null, seed: "7" });
    expect(a.body.events).toHaveLength(3);
    expect(a.body.minute).toBe("2026-12-01T10:00:00.000Z");
    const b = await plan({ rate: "10/s", seed: 7, minute: "2026-12-01T10:00:30Z", limit: 3 });
    expect(b.body.events).toEqual(a.body.events);
  });

  it("refuses bad previews with a located 422 or a 404, never a 500", async () => {
    const cases: [unknown, number, (string | number)[]][] = [
      [{ rate: "10/s", minute: "10000-01-01T00:00Z" }, 422, ["body", "minute"]],
      [{ rate: "10/s", minute: "2026-13-45T10:00Z" }, 422, ["body", "minute"]],
      [{ rate: "10/s" }, 422, ["body", "minute"]],
      [{ rate: "10/s", minute: "2026-12-01T10:00Z", limit: 5000 }, 422, ["body", "limit"]],
      [{ rate: -1, minute: "2026-12-01T10:00Z" }, 422, ["body", "rate"]],
      [{ rate: "5000/s", minute: "2026-12-01T10:00Z" }, 422, ["body", "rate"]],
      [{ data_type: "users", minute: "2026-12-01T10:00Z" }, 422, ["body", "scenario"]],
      [
        { stream_id: "00000000-0000-4000-8000-00000000beef", rate: 1, minute: MINUTE },
        422,
        ["body", "rate"],
      ],
    ];
    for (const [body, status, loc] of cases) {
      const res = await plan(body);
      expect({ body, status: res.status }).toEqual({ body, status });
      expect(res.body.detail[0].loc).toEqual(loc);
    }
    const unknown = await plan({
      stream_id: "00000000-0000-4000-8000-00000000beef",
      minute: MINUTE,
    });
    expect(unknown.status).toBe(404);
  });
});
