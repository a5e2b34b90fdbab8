import { randomUUID } from "node:crypto";
import type { KafkaSettings } from "@gg/api";
import { isAppError } from "@gg/core/errors";
import {
  FirehoseOptions,
  type FirehoseProgress,
  type FirehoseResult,
  runFirehose,
} from "@gg/traffic/firehose";
import { Hono } from "hono";

interface Run {
  id: string;
  options: FirehoseOptions;
  state: "running" | "done" | "failed" | "stopped";
  progress: FirehoseProgress | null;
  result: FirehoseResult | null;
  error: string | null;
  abort: AbortController;
}

const KEEP = 20;

/**
 * The firehose over HTTP, on the local server only: it runs worker threads and a wasm-backed
 * Kafka client, which belong on a load-generating host, not in a Lambda. Runs are started in the
 * background and polled: POST /firehose/start, GET /firehose/{id} (live rate), POST /firehose/{id}/stop.
 */
export function firehoseRoutes(kafka: KafkaSettings | null) {
  const runs = new Map<string, Run>();
  const view = (r: Run) => ({
    id: r.id,
    state: r.state,
    scenario: r.options.scenario,
    progress: r.progress,
    result: r.result,
    error: r.error,
  });
  return new Hono()
    .post("/firehose/start", async (c) => {
      if (!kafka)
        return c.json(
          { detail: "kafka is not configured (set KAFKA_BROKERS or GG_LOCAL_STACK=1)" },
          503,
        );
      const parsed = FirehoseOptions.safeParse(await c.req.json().catch(() => ({})));
      if (!parsed.success) {
        const detail = parsed.error.issues.map((i) => ({
          loc: ["body", ...i.path.map(String)],
          msg: i.message,
          type: i.code,
        }));
        return c.json({ detail }, 422);
      }
      const run: Run = {
        id: randomUUID(),
        options: parsed.data,
        state: "running",
        progress: null,
        result: null,
        error: null,
        abort: new AbortController(),
      };
      runs.set(run.id, run);
      for (const old of [...runs.values()].slice(0, Math.max(0, runs.size - KEEP)))
        if (old.state !== "running") runs.delete(old.id);
      runFirehose(parsed.data, {
        kafka,
        signal: run.abort.signal,
        onProgress: (p) => {
          run.progress = p;
        },
      }).then(
        (result) => {
          run.result = result;
          run.state = run.abort.signal.aborted ? "stopped" : "done";
        },
        (e: unknown) => {
          run.error = isAppError(e) || e instanceof Error ? e.message : String(e);
          run.state = "failed";
        },
      );
      return c.json(view(run), 202);
    })
    .get("/firehose/:id", (c) => {
      const run = runs.get(c.req.param("id"));
      return run ? c.json(view(run), 200) : c.json({ detail: "Firehose run not found" }, 404);
    })
    .post("/firehose/:id/stop", (c) => {
      const run = runs.get(c.req.param("id"));
      if (!run) return c.json({ detail: "Firehose run not found" }, 404);
      run.abort.abort();
      return c.json(view(run), 200);
    });
}
