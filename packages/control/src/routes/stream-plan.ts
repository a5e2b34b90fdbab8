import { errors, json, router } from "@gg/http";
import { previewRequest } from "@gg/traffic/gourmetgram";
import { bundledFood11Root, food11Index, type ImageIndex } from "@gg/traffic/gourmetgram/images";
import * as Streams from "@gg/traffic/streams";
import { createRoute, z } from "@hono/zod-openapi";
import type { ControlDeps } from "../deps";

const PreviewEvent = z.object({
  index: z.int(),
  offset_ms: z.number(),
  kind: z.string(),
  status: z.enum(["planned", "skipped"]),
  reason: z.string().nullable(),
  actor: z.string().nullable(),
  target: z.string().nullable(),
  idempotency_key: z.string(),
});

const PlanResult = z
  .object({
    stream_id: z.uuid().nullable(),
    scenario: z.string(),
    config_version: z.int().nullable(),
    dataset: z.boolean(),
    seed: z.string(),
    minute: z.string(),
    expected: z.number(),
    count: z.int(),
    by_kind: z.record(z.string(), z.object({ planned: z.int(), skipped: z.int() })),
    events: z.array(PreviewEvent),
  })
  .openapi("StreamPlan");

/**
 * POST /stream/plan: a minute planned and not fired. The dataset is the one the generator uploads
 * from (whether an upload has one decides whose turn comes next), indexed once per process.
 */
export function streamPlanRoutes(deps: ControlDeps) {
  const { pool, rateCeilings } = deps;
  let dataset: Promise<ImageIndex | null> | undefined;
  const loadDataset = () => {
    dataset ??= (deps.dataset ?? (() => food11Index(bundledFood11Root())))().catch(() => null);
    return dataset;
  };
  return router().openapi(
    createRoute({
      method: "post",
      path: "/stream/plan",
      summary: "Preview a minute: its expected count, planned count by kind and first events",
      description:
        "Takes `/stream/start`'s body (checked as a start; without a `seed` it plans with " +
        "`preview`) or a `stream_id` (its configuration in force for that minute, and its " +
        "budget), plus `minute` and `limit` (events listed, at most 1,000). Writes and fires " +
        "nothing. It reads the state as it is now, so it is what the minute fires once the state " +
        "a minute before its start is settled and no actors need creating first.",
      request: {
        body: {
          content: {
            "application/json": {
              schema: Streams.PlanRequest,
              example: { rate: "10/s", seed: 42, minute: "2026-12-01T10:00Z", limit: 5 },
            },
          },
          required: true,
        },
      },
      responses: {
        200: json(PlanResult, "The minute's plan"),
        ...errors(401, 404, 503),
      },
    }),
    async (c) => {
      const plan = await previewRequest(pool, c.req.valid("json"), {
        ceilings: rateCeilings,
        dataset: await loadDataset(),
      });
      return c.json(plan, 200);
    },
  );
}
