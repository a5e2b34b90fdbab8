import { ErrorBody, errors, json, router } from "@gg/http";
import { createWorldCache, drawRecords } from "@gg/traffic/clickstream";
import { createRoute } from "@hono/zod-openapi";
import type { ControlDeps } from "../deps";
import { drawOf, generate } from "./generate-run";
import {
  DataTypeParam,
  GenerateRequest,
  GenerateResult,
  SampleQuery,
  SampleSettingsParam,
  Samples,
  sampleSettings,
} from "./generate-schemas";

/** POST /generate/{data_type}, GET /generate/sample/{data_type}. */
export function generateRoutes(deps: ControlDeps) {
  // One cache per app, i.e. per process: worlds are reused across requests, at most two kept.
  const worlds = createWorldCache({ max: 2 });
  return router()
    .openapi(
      createRoute({
        method: "post",
        path: "/generate/{data_type}",
        summary: "Generate clickstream records now; with stream: true, deliver them to Kafka",
        description:
          "Answers once every message is acknowledged by Kafka (acks=all), never before; a " +
          "failed delivery is a 503 saying how many landed. `rate` paces the delivery.",
        request: {
          params: DataTypeParam,
          body: { content: { "application/json": { schema: GenerateRequest } }, required: true },
        },
        responses: {
          200: json(GenerateResult, "What was generated and delivered"),
          503: json(ErrorBody, "Kafka is absent or failed: how many messages landed"),
          ...errors(401),
        },
      }),
      async (c) => {
        const { data_type } = c.req.valid("param");
        const request = c.req.valid("json");
        const outcome = await generate(deps, worlds, data_type, request);
        if (outcome.ok) return c.json(outcome.result, 200);
        deps.log.error("generate: delivery failed", { data_type, ...outcome });
        // Never a silent success: the caller learns how many messages did land.
        c.header("Retry-After", "1");
        const detail =
          `kafka is unavailable (${outcome.errors[0]}): delivered ${outcome.delivered} of ` +
          `${request.count} ${data_type} to ${outcome.topic}`;
        return c.json({ detail }, 503);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/generate/sample/{data_type}",
        summary: "Sample clickstream records as JSON (sent nowhere); count 1..100",
        request: { params: DataTypeParam, query: SampleQuery },
        parameters: [SampleSettingsParam],
        responses: { 200: json(Samples, "The samples"), ...errors(401) },
        description: "`settings` (JSON) applies the clickstream settings, as in POST /generate.",
      }),
      (c) => {
        const { data_type } = c.req.valid("param");
        const { count, seed } = c.req.valid("query");
        const settings = c.req.query("settings");
        const now = new Date();
        const { world, label } = drawOf(worlds, seed, now, sampleSettings(settings));
        return c.json(
          drawRecords({ world, kind: data_type, label, now, count }).map((r) => r.value),
          200,
        );
      },
    );
}
