// The firehose routes in the control app, as `pnpm start` wires them: behind the API key, in
// the OpenAPI document, answering in the closed error vocabulary; a run goes into the real broker.
import {
  buildControlRuntime,
  type ControlApp,
  type ControlRuntime,
  ControlSettings,
  createControlApp,
  type FirehoseEngine,
} from "@gg/control";
import { deleteTopics } from "@gg/core/kafka";
import { FirehoseOptions, runFirehose } from "@gg/traffic/firehose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type FreshDatabase, freshDatabase, randomTopic, testKafka } from "../../support/fixtures";
import { stack } from "../../support/stack";

const KEY = "firehose-test-key";
const silent = { info: () => {}, error: () => {} };
const topic = randomTopic("gg-test-firehose-route");
let db: FreshDatabase;
let runtime: ControlRuntime;
let app: ControlApp;
let noKafka: ControlApp;
let lambdaShaped: ControlApp;

const engine: FirehoseEngine = {
  schema: FirehoseOptions,
  run: (options, ctx) =>
    runFirehose(options, { ...ctx, kafka: { brokers: stack.kafkaBrokers, logLevel: "error" } }),
};

beforeAll(async () => {
  db = await freshDatabase();
  const settings = ControlSettings.parse({
    databaseUrl: db.url,
    kafka: { brokers: stack.kafkaBrokers, logLevel: "nothing" },
    apiKey: KEY,
    schedule: null,
  });
  runtime = await buildControlRuntime(settings, silent);
  app = createControlApp({ ...runtime.deps, firehose: engine });
  noKafka = createControlApp({ ...runtime.deps, kafka: undefined, firehose: engine });
  lambdaShaped = createControlApp(runtime.deps);
});

afterAll(async () => {
  await deleteTopics(testKafka(), [topic]).catch(() => {});
  await runtime?.close();
  await db?.drop();
});

const call = (target: ControlApp, method: string, path: string, body?: unknown, key = KEY) =>
  target.request(path, {
    method,
    headers: { "content-type": "application/json", ...(key ? { "x-api-key": key } : {}) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

/** The run once it left "running" (polled, 30 s at most). */
// biome-ignore lint/suspicious/noExplicitAny: the view is checked field by field by the assertions
const settled = async (run: { id: string; state: string }): Promise<any> => {
  let view = run;
  for (const deadline = Date.now() + 30_000; view.state === "running" && Date.now() < deadline; ) {
    await new Promise((r) => setTimeout(r, 200));
    view = await (await call(app, "GET", `/firehose/${run.id}`)).json();
  }
  return view;
};

describe("the firehose in the control app", () => {
  it("needs the API key, reads included", async () => {
    const res = await call(app, "POST", "/firehose/start", { scenario: "clickstream" }, "");
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ detail: "Missing or invalid API key" });
    const read = await call(
      app,
      "GET",
      "/firehose/5eed0000-0000-4000-8000-000000000001",
      undefined,
      "wrong",
    );
    expect(read.status).toBe(401);
  });

  it("answers bad options, unknown runs and a missing Kafka in the closed vocabulary", async () => {
    const bad = await call(app, "POST", "/firehose/start", { scenario: "clickstream", rate: -1 });
    expect(bad.status).toBe(422);
    expect((await bad.json()).detail[0]).toMatchObject({ loc: ["body", "rate"] });
    const unknown = await call(app, "GET", "/firehose/5eed0000-0000-4000-8000-000000000001");
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toEqual({ detail: "Firehose run not found" });
    const stop = await call(app, "POST", "/firehose/5eed0000-0000-4000-8000-000000000001/stop");
    expect(stop.status).toBe(404);
    const down = await call(noKafka, "POST", "/firehose/start", {
      scenario: "clickstream",
      count: 10,
    });
    expect(down.status).toBe(503);
    expect(await down.json()).toEqual({ detail: "kafka is unavailable" });
  });

  it("refuses a run without an end, and one with too many partitions", async () => {
    const endless = await call(app, "POST", "/firehose/start", { scenario: "gourmetgram" });
    expect(endless.status).toBe(422);
    expect((await endless.json()).detail[0]).toMatchObject({
      loc: ["body", "count"],
      msg: expect.stringMatching(/count or a durationSec/),
    });
    const wide = await call(app, "POST", "/firehose/start", {
      scenario: "clickstream",
      count: 10,
      partitions: 1_000,
    });
    expect(wide.status).toBe(422);
    expect((await wide.json()).detail[0]).toMatchObject({ loc: ["body", "partitions"] });
  });

  it("is in the control plane's OpenAPI document, and absent where no engine is wired", async () => {
    const doc = await (await call(app, "GET", "/control/openapi.json")).json();
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(["/firehose/start", "/firehose/{id}", "/firehose/{id}/stop"]),
    );
    // The control Lambda: no worker threads there, so no firehose routes at all.
    expect((await call(lambdaShaped, "POST", "/firehose/start", {})).status).toBe(404);
  });

  it("runs one at a time: a second start while one runs is a 409 naming it", async () => {
    const long = {
      scenario: "clickstream",
      durationSec: 60,
      rate: 20,
      threads: 0,
      partitions: 1,
      kinds: ["users"],
      topics: { users: topic },
    };
    const first = await call(app, "POST", "/firehose/start", long);
    expect(first.status).toBe(202);
    const run = await first.json();
    const second = await call(app, "POST", "/firehose/start", { ...long, durationSec: 1 });
    expect(second.status).toBe(409);
    expect((await second.json()).detail).toContain(run.id);
    expect((await call(app, "POST", `/firehose/${run.id}/stop`)).status).toBe(200);
    const view = await settled(run);
    expect(view.state).toBe("stopped");
  });

  it("runs into the broker, is polled to its end, and a stop of a finished run is harmless", async () => {
    const started = await call(app, "POST", "/firehose/start", {
      scenario: "clickstream",
      count: 500,
      threads: 0,
      partitions: 1,
      kinds: ["users"],
      topics: { users: topic },
      seed: 7,
    });
    expect(started.status).toBe(202);
    const run = await started.json();
    expect(run).toMatchObject({ state: "running", scenario: "clickstream", result: null });
    const view = await settled(run);
    expect(view.error).toBeNull();
    expect(view.state).toBe("done");
    expect(view.result).toMatchObject({ events: 500, topics: [topic], stoppedBy: "count" });
    const stopped = await call(app, "POST", `/firehose/${run.id}/stop`);
    expect(stopped.status).toBe(200);
    expect((await stopped.json()).state).toBe("done");
  });
});
