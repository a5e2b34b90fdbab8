import { gourmetgramScenario, inProcessTarget, type RetryPolicy } from "@gg/traffic/gourmetgram";
import { bundledFood11Root, food11Index } from "@gg/traffic/gourmetgram/images";
import {
  type KnownState,
  PlannerConfig,
  planMinute,
  summarisePlan,
} from "@gg/traffic/gourmetgram/plan";
import { type MinuteRecord, runStreamMinute, type StreamMinute } from "@gg/traffic/minute";
import { wakeWindows } from "@gg/traffic/shards";
import { describe, expect, it } from "vitest";

const SEED = process.env.TEST_SEED ?? "run-minute-7";
const MINUTE = new Date("2026-03-01T12:34:00Z");
const SCALE = 100; // the minute plays in 600 ms

const uuid = (prefix: string, i: number) =>
  `${prefix}${String(i).padStart(7, "0")}-0000-4000-8000-000000000000`;
const STATE: KnownState = {
  users: Array.from({ length: 20 }, (_, i) => ({ id: uuid("1", i) })),
  images: Array.from({ length: 20 }, (_, i) => ({
    id: uuid("2", i),
    userId: uuid("1", i),
    views: i,
    comments: 0,
    flags: 0,
  })),
};

interface Seen {
  at: number;
  method: string;
  path: string;
  key: string | null;
  apiKey: string | null;
  type: string;
  form?: Record<string, string>;
}

/** A stand-in app: records each request and answers after `delayMs`, failing as scripted. */
function fakeApp(delayMs: number, status: (nth: number, key: string) => number = () => 200) {
  const seen: Seen[] = [];
  const attemptsByKey = new Map<string, number>();
  const app = {
    async fetch(req: Request) {
      const at = performance.timeOrigin + performance.now();
      const key = req.headers.get("idempotency-key");
      const nth = (attemptsByKey.get(key ?? "") ?? 0) + 1;
      attemptsByKey.set(key ?? "", nth);
      const url = new URL(req.url);
      const entry: Seen = {
        at,
        method: req.method,
        path: url.pathname,
        key,
        apiKey: req.headers.get("x-api-key"),
        type: req.headers.get("content-type") ?? "",
      };
      if (entry.type.startsWith("multipart/")) {
        const form = await req.formData();
        const file = form.get("file");
        entry.form = {
          user_id: String(form.get("user_id")),
          caption: String(form.get("caption")),
          category: String(form.get("category")),
          file: file instanceof File ? `${file.name}:${file.size}` : "missing",
        };
      }
      seen.push(entry);
      await new Promise((r) => setTimeout(r, delayMs));
      const code = status(nth, key ?? "");
      return new Response(JSON.stringify(code === 200 ? { ok: true } : { detail: "down" }), {
        status: code,
      });
    },
  };
  return { app, seen, attemptsByKey };
}

const config = (rate: string) => PlannerConfig.parse({ rate: { base: rate }, mix: "uniform" });

async function run(
  over: Partial<StreamMinute> & {
    app: { fetch(r: Request): Promise<Response> };
    rate?: string;
    retry?: RetryPolicy;
  },
) {
  const records: MinuteRecord[] = [];
  const dataset = await food11Index(bundledFood11Root());
  const scenario = gourmetgramScenario({
    target: inProcessTarget(over.app, "secret"),
    dataset: async () => dataset,
    concurrency: 256,
    retry: over.retry,
    state: async () => STATE,
  });
  const record = await runStreamMinute(scenario, {
    stream: {
      stream_id: "00000000-0000-4000-8000-000000000001",
      started_at: MINUTE.toISOString(),
      config: { rate: over.rate ?? "20/s", mix: "uniform", seed: SEED },
    },
    minute: MINUTE,
    timing: { scale: SCALE },
    log: (r) => records.push(r),
    ...over,
  });
  return { record, records };
}

describe(`a GourmetGram minute (seed ${SEED})`, () => {
  it("fires every planned event once, on the plan's (compressed) times, with its key", async () => {
    const plan = planMinute({
      seed: SEED,
      minute: MINUTE,
      config: config("6/s"),
      state: STATE,
      dataset: await food11Index(bundledFood11Root()),
    });
    const summary = summarisePlan(plan);
    const { app, seen } = fakeApp(30);
    const start = performance.timeOrigin + performance.now();
    // 6/s compressed 100× is 600 requests/s through one thread, the fake app's work included.
    const { record, records } = await run({ app, rate: "6/s" });

    expect(records).toEqual([record]);
    expect(record.planned).toBe(Object.values(summary.planned).reduce((a, b) => a + b, 0));
    expect(record.planned).toBeGreaterThan(250);
    for (const kind of ["view", "comment", "upload", "user", "flag"] as const) {
      expect(record.byKind[kind]?.planned, kind).toBe(summary.planned[kind]);
      expect(record.byKind[kind]?.succeeded, kind).toBe(summary.planned[kind]);
    }
    expect(record).toMatchObject({ sent: record.planned, failed: 0, retried: 0, status: "ran" });

    // Same keys as the plan, each sent once, with the API key.
    const planned = plan.events.filter((e) => e.status === "planned");
    expect(seen.map((s) => s.key).sort()).toEqual(planned.map((e) => e.idempotencyKey).sort());
    expect(seen.every((s) => s.apiKey === "secret")).toBe(true);

    // Send times follow the plan: event at offset t goes out at start + t / SCALE.
    const byKey = new Map(seen.map((s) => [s.key, s.at]));
    const drift = planned.map(
      (e) => (byKey.get(e.idempotencyKey) as number) - (start + e.offsetMs / SCALE),
    );
    expect(Math.min(...drift)).toBeGreaterThan(-5);
    // Closed loop, each event would wait for the 30 ms answers before it: 250+ events × 30 ms is
    // ~8 s late by the end. The bounds sit well below that and far above a quiet machine's few
    // ms, because this runs in real time beside the integration files on two cores (fire.test.ts
    // times firing exactly, on a fake clock).
    expect(record.lateness.p99 as number).toBeLessThan(1_500);
    expect(record.overrunMs).toBeLessThan(2_000);
  });

  it("maps each kind to its contract request", async () => {
    const { app, seen } = fakeApp(0);
    await run({ app, rate: "5/s" });
    const paths = new Set(seen.map((s) => s.path.replace(/[0-9a-f-]{36}/, ":id")));
    expect(paths).toEqual(
      new Set(["/users/", "/upload/", "/images/:id/view", "/comments/", "/flags/"]),
    );
    const upload = seen.find((s) => s.path === "/upload/");
    expect(upload?.form?.file).toMatch(/^\d+\.jpg:\d{3,}$/);
    expect(STATE.users.map((u) => u.id)).toContain(upload?.form?.user_id);
    expect(
      seen.filter((s) => s.path !== "/upload/").every((s) => s.type === "application/json"),
    ).toBe(true);
  });

  it("retries 503s with the same key and counts the retries", async () => {
    const { app, attemptsByKey } = fakeApp(1, (nth) => (nth === 1 ? 503 : 200));
    const { record } = await run({
      app,
      rate: "2/s",
      retry: { maxAttempts: 3, baseMs: 5, maxMs: 10 },
    });
    expect(record.planned).toBeGreaterThan(50);
    expect(record).toMatchObject({
      succeeded: record.planned,
      failed: 0,
      retried: record.planned,
      recovered: record.planned,
    });
    expect(record.recoveredLateness.max as number).toBeGreaterThan(0);
    expect([...attemptsByKey.values()].every((n) => n === 2)).toBe(true);
  });

  it("does not retry a 422, and stops at the stream's budget", async () => {
    const { app, seen } = fakeApp(0, () => 422);
    const { record } = await run({ app, rate: "2/s", budget: 7 });
    expect(seen).toHaveLength(7);
    expect(record).toMatchObject({ planned: 7, sent: 7, failed: 7, retried: 0 });
    expect(record.skipped).toBeGreaterThan(50);
    expect(record.errors[0]).toMatch(/422/);
  });

  it("backfill fires a past minute at once and records no lateness", async () => {
    const { app, seen } = fakeApp(0);
    const t0 = Date.now();
    const { record } = await run({ app, rate: "10/s", timing: { mode: "backfill" } });
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(seen).toHaveLength(record.planned);
    expect(record.lateness).toEqual({ p50: null, p99: null, max: null });
    expect(record.mode).toBe("backfill");
  });

  it("refuses a minute past the per-process ceiling at once, before sending or allocating it", async () => {
    const { app, seen } = fakeApp(0);
    const heap = process.memoryUsage().heapUsed;
    const t0 = Date.now();
    await expect(run({ app, rate: "1000000000/s" })).rejects.toThrow(
      /ceiling of 1207669 \(a stream at 20,000 events\/s/,
    );
    expect(Date.now() - t0).toBeLessThan(5_000);
    expect(process.memoryUsage().heapUsed - heap).toBeLessThan(50 * 1024 * 1024);
    expect(seen).toHaveLength(0);
  });

  it("wake windows fire exactly the unsplit minute's events, each once, within the same budget", async () => {
    const dataset = await food11Index(bundledFood11Root());
    const scenario = gourmetgramScenario({
      target: inProcessTarget(fakeApp(0).app, "secret"),
      dataset: async () => dataset,
      concurrency: 16,
      state: async () => STATE,
    });
    const stored = { rate: "0.5/s", mix: "uniform", seed: SEED };
    const offsets = scenario.offsets?.({
      config: scenario.config.parse(stored),
      seed: SEED,
      minute: MINUTE,
    });
    const windows = wakeWindows(offsets ?? [], 3_000);
    // Windows split where the gap is over 3 s, cover every index once, in order.
    expect(windows.length).toBeGreaterThan(5);
    expect(windows.map((w) => w.from)).toEqual([0, ...windows.slice(0, -1).map((w) => w.to)]);
    expect(windows.at(-1)?.to).toBe(offsets?.length);
    for (const [k, w] of windows.entries()) {
      expect(w.startMs).toBe(offsets?.[w.from]);
      if (k > 0) expect(w.startMs - (offsets?.[w.from - 1] as number)).toBeGreaterThan(3_000);
      for (let i = w.from + 1; i < w.to; i++)
        expect((offsets?.[i] as number) - (offsets?.[i - 1] as number)).toBeLessThanOrEqual(3_000);
    }

    for (const budget of [Number.POSITIVE_INFINITY, 7]) {
      const whole = fakeApp(0);
      const unsplit = await run({ app: whole.app, rate: "0.5/s", budget });
      const parts = fakeApp(0);
      const records: MinuteRecord[] = [];
      for (const [k, w] of windows.entries()) {
        const { record } = await run({
          app: parts.app,
          rate: "0.5/s",
          budget,
          slice: { index: k, count: windows.length, range: { from: w.from, to: w.to } },
        });
        records.push(record);
      }
      const sum = (f: (r: MinuteRecord) => number) => records.reduce((a, r) => a + f(r), 0);
      // The same requests (keys, paths), each once, and the same counts as the unsplit minute.
      const seen = (s: { key: string | null; path: string }[]) =>
        s.map((x) => `${x.key} ${x.path}`).sort();
      expect(seen(parts.seen)).toEqual(seen(whole.seen));
      expect(new Set(parts.seen.map((s) => s.key)).size).toBe(parts.seen.length);
      expect(sum((r) => r.planned)).toBe(unsplit.record.planned);
      expect(sum((r) => r.skipped)).toBe(unsplit.record.skipped);
      expect(sum((r) => r.succeeded)).toBe(unsplit.record.succeeded);
      if (budget === 7) expect(parts.seen).toHaveLength(7);
    }
  });
});
