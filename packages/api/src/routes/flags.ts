import * as Flag from "@gg/core/flag";
import * as Idempotency from "@gg/core/idempotency";
import { errors, json, router } from "@gg/http";
import { createRoute } from "@hono/zod-openapi";
import type { ApiDeps } from "../deps";
import { respond, submitWrite } from "../write";

/** POST /flags/: flag an image or a comment. */
export function flagRoutes(deps: ApiDeps) {
  return router().openapi(
    createRoute({
      method: "post",
      path: "/flags",
      summary: "Flag an image or a comment (at least one target)",
      request: {
        body: { content: { "application/json": { schema: Flag.CreateFlag } }, required: true },
      },
      responses: { 200: json(Flag.Flag, "The flag"), ...errors(400, 401, 404, 409, 503) },
    }),
    async (c) => {
      const at = deps.now();
      const input = c.req.valid("json");
      const digest = () => Idempotency.hashRequest(JSON.stringify(input));
      return respond(c, await submitWrite(c, deps.writes.flags, input, digest, at));
    },
  );
}
