import { randomUUID } from "node:crypto";
import { conflict, isAppError, notFound, unavailable } from "@gg/core/errors";
import { errors, json, router } from "@gg/http";
import { type FirehoseOptions, FirehoseProgress, FirehoseResult } from "@gg/traffic/firehose";
import { ScenarioName } from "@gg/traffic/scenarios";
import { createRoute, z } from "@hono/zod-openapi";
import type { ControlDeps, FirehoseEngine } from "../deps";

const FirehoseRun = z
  .object({
    id: z.uuid(),
    state: z.enum(["running", "done", "failed", "stopped"]),
    scenario: ScenarioName,
    progress: FirehoseProgress.nullable(),
    result: FirehoseResult.nullable(),
    error: z.string().nullable(),
  })
  .openapi("FirehoseRun");
type FirehoseRun = z.infer<typeof FirehoseRun>;
const RunIdParam = z.object({ id: z.uuid() });

interface Run {
  view: FirehoseRun;
  abort: AbortController;
}

// Finished runs kept for GET; running ones are never dropped.
const KEEP = 20;
/**
 * Runs at once on this host. A run already takes the cores it is given (rate "max" by default)
 * and up to its lanes' memory; a second would only share them, and a loop of starts would pile
 * up worker threads until the process runs out of memory.
 */
const MAX_FIREHOSE_RUNS = 1;

/**
 * POST /firehose/start, GET /firehose/{id} (live rate), POST /firehose/{id}/stop. Runs go on in
 * the background and are polled. Mounted only where a firehose engine is wired (`pnpm start`):
 * it runs worker threads and a wasm-backed Kafka client, which belong on a load-generating host,
 * not in the control Lambda.
 */
export function firehoseRoutes(deps: ControlDeps, engine: FirehoseEngine) {
  const runs = new Map<string, Run>();
  const find = (id: string) => {
    const run = runs.get(id);
    if (!run) throw notFound("Firehose run not found");
    return run;
  };
  const start = (options: FirehoseOptions): Run => {
    const running = [...runs.values()].filter((r) => r.view.state === "running");
    if (running.length >= MAX_FIREHOSE_RUNS) {
      throw conflict(
        `${running.length} firehose run(s) already running (${running.map((r) => r.view.id).join(", ")}), ` +
          `the most this host runs at once: stop one (POST /firehose/{id}/stop) or wait for it`,
      );
    }
    const run: Run = {
      view: {
        id: randomUUID(),
        state: "running",
        scenario: options.scenario,
        progress: null,
        result: null,
        error: null,
      },
      abort: new AbortController(),
    };
    runs.set(run.view.id, run);
    for (const old of [...runs.values()].slice(0, Math.max(0, runs.size - KEEP)))
      if (old.view.state !== "running") runs.delete(old.view.id);
    engine
      .run(options, {
        signal: run.abort.signal,
        onProgress: (p: FirehoseProgress) => {
          run.view.progress = p;
        },
      })
      .then(
        (result: FirehoseResult) => {
          run.view.result = result;
          run.view.state = run.abort.signal.aborted ? "stopped" : "done";
        },
        (e: unknown) => {
          run.view.error = isAppError(e) || e instanceof Error ? e.message : String(e);
          run.view.state = "failed";
          deps.log.error("firehose run failed", { id: run.view.id, error: run.view.error });
        },
      );
    return run;
  };
  return router()
    .openapi(
      createRoute({
        method: "post",
        path: "/firehose/start",
        summary: "Start a firehose run: either scenario straight into Kafka at the top rate",
        description:
          "Answers 202 at once; poll GET /firehose/{id}. A run needs `count` or `durationSec`; " +
          "one runs at a time (409 while another does). GourmetGram firehose events bypass " +
          "the API and the database (synthetic ids), for load-testing stream consumers only.",
        request: {
          body: { content: { "application/json": { schema: engine.schema } }, required: true },
        },
        responses: { 202: json(FirehoseRun, "The run, started"), ...errors(401, 409, 503) },
      }),
      (c) => {
        if (!deps.kafka) throw unavailable("kafka", "kafka is not configured");
        return c.json(start(c.req.valid("json")).view, 202);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/firehose/{id}",
        summary: "A firehose run: live rate while it runs, the acknowledged totals after",
        request: { params: RunIdParam },
        responses: { 200: json(FirehoseRun, "The run"), ...errors(401, 404) },
      }),
      (c) => c.json(find(c.req.valid("param").id).view, 200),
    )
    .openapi(
      createRoute({
        method: "post",
        path: "/firehose/{id}/stop",
        summary: "Stop a firehose run (batches in flight are still acknowledged)",
        request: { params: RunIdParam },
        responses: { 200: json(FirehoseRun, "The run, stopping"), ...errors(401, 404) },
      }),
      (c) => {
        const run = find(c.req.valid("param").id);
        run.abort.abort();
        return c.json(run.view, 200);
      },
    );
}
