// The dashboard and /docs in a real headless chromium, against a local app on the real stack
// (the API and the control plane on one port, as `pnpm start` serves them), with every request
// not to 127.0.0.1 refused. One real minute of traffic, fired by the generator, serves every
// assertion: the pages are checked while it runs, its figures once it is written.
import type { AddressInfo } from "node:net";
import {
  buildControlRuntime,
  type ControlRuntime,
  ControlSettings,
  createControlApp,
} from "@gg/control";
import { createQueues } from "@gg/core/queue";
import { createScheduleRules } from "@gg/core/schedule";
import { createGenerator, type Generator, generatorSettingsFromEnv } from "@gg/traffic/generator";
import { serve } from "@hono/node-server";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestApi, type TestApi } from "../../support/api";
import { launchBrowser, loopbackOnly, type TestBrowser } from "../../support/browser";
import { awsConfig, suffix } from "../../support/fixtures";

const KEY = `dash-${suffix()}`;
const ruleName = `gg-test-dash-${suffix(4)}`;
const queueName = `gg-test-dash-ticks-${suffix(4)}`;
const silent = { info: () => {}, error: () => {} };
let api: TestApi;
let control: ControlRuntime;
let server: ReturnType<typeof serve>;
let base: string;
let generator: Generator;
let browser: TestBrowser;
let refused: string[];

beforeAll(async () => {
  api = await startTestApi({ apiKey: KEY });
  control = await buildControlRuntime(
    ControlSettings.parse({
      databaseUrl: api.db.url,
      kafka: null,
      apiKey: KEY,
      schedule: { ruleName, targetId: "ticks", queueName, aws: awsConfig() },
    }),
    silent,
  );
  const controlApp = createControlApp(control.deps);
  server = serve({
    fetch: (req) =>
      /^\/(stream|generate|control|dashboard|docs)(\/|$)/.test(new URL(req.url).pathname)
        ? controlApp.fetch(req)
        : api.app.fetch(req),
    port: 0,
    hostname: "127.0.0.1",
  });
  await new Promise((r) => server.once("listening", r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  generator = createGenerator(
    generatorSettingsFromEnv({
      GENERATOR_API_URL: base,
      API_KEY: KEY,
      DATABASE_URL: api.db.url,
      GENERATOR_INITIAL_USERS: "5",
      GENERATOR_INITIAL_IMAGES: "3",
      GENERATOR_SEED: "dashboard",
      GENERATOR_CONCURRENCY: "16",
    }),
    { pool: api.db.pool },
  );
  await generator.bootstrap();
  browser = await launchBrowser();
  refused = await loopbackOnly(browser.context);
});

afterAll(async () => {
  await browser?.close();
  await generator?.close();
  await new Promise((r) => server?.close(r));
  await control?.close();
  await createScheduleRules(awsConfig())
    .deleteRule(ruleName)
    .catch(() => {});
  const queues = createQueues(awsConfig());
  await queues
    .create(queueName)
    .then((q) => queues.deleteQueue(q.url))
    .catch(() => {});
  await api?.close();
});

const control$ = async (method: "GET" | "POST", path: string, body?: unknown) => {
  const res = await fetch(`${base}${path}`, {
    method,
    headers: { "x-api-key": KEY, "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  expect(res.status, `${method} ${path}`).toBe(200);
  return res.json() as Promise<unknown>;
};
interface Status {
  streams: { stream_id: string; status: string; config: Record<string, unknown> }[];
  running_streams: number;
  rule: { name: string; state: string } | null;
}

/** The operations Swagger UI lists, as "METHOD path". */
const operations = async (page: Page) => {
  await page.locator(".opblock").first().waitFor({ timeout: 20_000 });
  return page
    .locator(".opblock-summary")
    .evaluateAll((els) =>
      els.map(
        (e) =>
          `${e.querySelector(".opblock-summary-method")?.textContent} ${e.querySelector(".opblock-summary-path")?.textContent?.replace(/\u200b/g, "")}`,
      ),
    );
};

describe("the dashboard in a headless chromium, offline", () => {
  it("shows a real minute as traffic_minutes has it, and starts and stops streams", async () => {
    // The minute to run: this one if most of it is left (events already due fire at once, late),
    // else the next; either way the wait is about one real minute.
    const now = Date.now();
    const thisMinute = Math.floor(now / 60_000) * 60_000;
    const minute = new Date(now - thisMinute < 20_000 ? thisMinute : thisMinute + 60_000);
    const traffic = (await control$("POST", "/stream/start", { rate: "120/min", seed: 12 })) as {
      stream_id: string;
    };
    const ran = generator.tick(minute);
    // Awaited below; a failure meanwhile is that await's, not an unhandled rejection.
    ran.catch(() => {});

    const page = await browser.context.newPage();
    // The pages' CSP (only this origin, no framing) must refuse nothing they need.
    const violations: string[] = [];
    page.on("console", (m) => {
      if (/Content Security Policy/i.test(m.text())) violations.push(m.text());
    });
    // /docs before signing in: the API's document, which needs no key.
    const docs = await page.goto(`${base}/docs`);
    expect(docs?.headers()["content-security-policy"]).toMatch(/frame-ancestors 'none'/);
    expect(await operations(page)).toEqual(
      expect.arrayContaining(["POST /users", "POST /upload", "GET /health"]),
    );

    // The dashboard asks for the key, keeps it in sessionStorage, and never puts it in a URL.
    const dashboard = await page.goto(`${base}/dashboard`);
    expect(dashboard?.headers()).toMatchObject({
      "content-security-policy": expect.stringMatching(
        /default-src 'self'.*frame-ancestors 'none'/,
      ),
      "x-frame-options": "DENY",
    });
    await page.locator("#login-key").fill(KEY);
    await page.locator("#login-form button").click();
    const row = page.locator(`#streams tr[data-stream-id="${traffic.stream_id}"]`);
    await expect.poll(() => row.locator(".state").textContent()).toBe("running");
    await expect.poll(() => page.locator("#rule-state").textContent()).toBe("ENABLED");
    expect(await page.evaluate(() => sessionStorage.getItem("gg.apiKey"))).toBe(KEY);

    // Signed in, /docs also lists the control plane's document.
    await page.goto(`${base}/docs`);
    await expect.poll(() => page.locator("#spec option").count()).toBe(2);
    await page.locator("#spec").selectOption("/control/openapi.json");
    await expect
      .poll(async () => (await operations(page)).includes("POST /stream/start"), {
        timeout: 20_000,
      })
      .toBe(true);

    // The minute ends; stopping its stream from the page leaves nothing running.
    const result = await ran;
    expect(result.streams.map((s) => ("error" in s ? s.error : "ok"))).toEqual(["ok"]);
    await page.goto(`${base}/dashboard`);
    await row.locator("button.stop").click();
    await expect.poll(() => row.locator(".state").textContent()).toBe("stopped");

    const { rows } = await api.db.pool.query<{
      planned: number;
      succeeded: number;
      lead_ms: number;
      trigger_delay_ms: number | null;
    }>(
      `SELECT planned, succeeded, lead_ms, trigger_delay_ms FROM traffic_minutes
        WHERE stream_id = $1 AND minute = $2`,
      [traffic.stream_id, minute],
    );
    const recorded = rows[0]!;
    console.log(`minute ${minute.toISOString()}: ${JSON.stringify(recorded)}`);
    expect(recorded.planned).toBeGreaterThan(50);
    const shown = page.locator(`#minutes tr[data-minute="${minute.toISOString()}"]`);
    await expect
      .poll(() => shown.locator(".planned").textContent(), { timeout: 15_000 })
      .toBe(recorded.planned.toLocaleString("en"));
    expect(await shown.locator(".succeeded").textContent()).toBe(
      recorded.succeeded.toLocaleString("en"),
    );
    expect(await shown.locator(".expected").textContent()).toBe("120");
    // How early the minute was ready (a tick, not a delivery: no trigger delay), and a minute
    // made ready after it began is marked late.
    expect(recorded.trigger_delay_ms).toBeNull();
    expect(await shown.locator(".trigger-delay").textContent()).toBe("–");
    expect(await shown.locator(".lead").textContent()).toBe(
      (recorded.lead_ms / 1000).toLocaleString("en", { maximumFractionDigits: 1 }),
    );
    expect(await shown.getAttribute("class")).toBe(recorded.lead_ms < 0 ? "late" : null);

    // Start a stream from the form: the control API lists it and the rule is ENABLED.
    await page.locator('#start-form input[name="rate"]').fill("90/h");
    await page.locator('#start-form select[name="mix"]').selectOption("realistic");
    await page.locator("#start-form button[type=submit]").click();
    await expect.poll(() => page.locator("#start-result").textContent()).toMatch(/^started /);
    let status = (await control$("GET", "/stream/status")) as Status;
    const started = status.streams.find((s) => s.status === "running");
    expect(started?.config).toMatchObject({ rate: "90/h", mix: "realistic" });
    expect(status.rule).toMatchObject({ name: ruleName, state: "ENABLED" });

    // Change its rate and mix from its row: a new version, from the first minute not yet prepared.
    const streamRow = page.locator(`#streams tr[data-stream-id="${started!.stream_id}"]`);
    await streamRow.locator("button.edit").click();
    await streamRow.locator('.edit-form input[name="rate"]').fill("120/h");
    await streamRow.locator('.edit-form input[name="mix"]').fill("uniform");
    await streamRow.locator('.edit-form button[type="submit"]').click();
    await expect
      .poll(() => page.locator("#start-result").textContent())
      .toMatch(/^changed .*: v2 /);
    status = (await control$("GET", "/stream/status")) as Status;
    expect(status.streams.find((s) => s.stream_id === started!.stream_id)?.config).toMatchObject({
      rate: "120/h",
      mix: "uniform",
    });
    await expect.poll(() => streamRow.locator(".version").textContent()).toMatch(/^v2 /);

    // Stop it from its row: the rule is DISABLED.
    await page.locator(`#streams tr[data-stream-id="${started!.stream_id}"] button.stop`).click();
    await expect.poll(() => page.locator("#rule-state").textContent()).toBe("DISABLED");
    status = (await control$("GET", "/stream/status")) as Status;
    expect(status).toMatchObject({ running_streams: 0, rule: { state: "DISABLED" } });

    // Every stream, a page of 10 at a time: more streams than a page, then "Older streams".
    for (let i = 0; i < 10; i++) {
      const s = (await control$("POST", "/stream/start", { rate: "60/h", seed: i })) as {
        stream_id: string;
      };
      await control$("POST", `/stream/stop/${s.stream_id}`);
    }
    await page.locator("#history summary").click();
    const history = page.locator("#history-table tbody tr");
    await expect.poll(() => history.count()).toBe(10);
    await page.locator("#history-more").click();
    await expect.poll(() => history.count()).toBe(12);
    expect(await page.locator("#history-more").isHidden()).toBe(true);
    expect(await history.first().getAttribute("data-stream-id")).not.toBe(traffic.stream_id);
    expect(await history.last().getAttribute("data-stream-id")).toBe(traffic.stream_id);

    expect(page.url()).not.toContain(KEY);
    expect(violations, "CSP refusals").toEqual([]);
    expect(refused, "requests that left 127.0.0.1").toEqual([]);
  }, 200_000);
});
