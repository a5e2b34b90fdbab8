// End to end on LocalStack: POST /stream/start makes the rule fire, and LocalStack's own scheduler
// delivers the scheduled event into the tick queue. Slow by nature: its scheduler wakes about
// once a minute, so the first delivery lands within ~60 s of the start (150 s allowed).
import { createQueues } from "@gg/core/queue";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { awsConfig } from "../../support/fixtures";
import { startTestControl, type TestControl } from "./stream-fixture";

let t: TestControl;
beforeAll(async () => {
  t = await startTestControl();
});
afterAll(() => t?.close());

describe("a started stream really makes the rule fire", () => {
  it("delivers a scheduled event of our rule to the tick queue", { timeout: 180_000 }, async () => {
    const queues = createQueues(awsConfig());
    expect(await queues.receiveAndDelete(t.queue.url)).toEqual([]);
    const started = Date.now();
    const res = await t.call("POST", "/stream/start", { rate: "150/h" });
    expect(res.status).toBe(200);
    const bodies: string[] = [];
    while (Date.now() - started < 150_000 && bodies.length === 0) {
      const got = await queues.receiveAndDelete(t.queue.url, { waitSeconds: 10 });
      bodies.push(...got.map((m) => m.body));
    }
    console.log(`first tick after ${((Date.now() - started) / 1000).toFixed(1)} s`);
    expect(bodies.length, "no delivery from LocalStack's scheduler within 150 s").toBeGreaterThan(
      0,
    );
    const rule = await t.rules.describe(t.ruleName);
    // No target input: the target gets EventBridge's own scheduled event, whose time names the minute.
    expect(JSON.parse(bodies[0]!)).toMatchObject({
      "detail-type": "Scheduled Event",
      source: "aws.events",
      resources: [rule?.arn],
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    });
  });
});
