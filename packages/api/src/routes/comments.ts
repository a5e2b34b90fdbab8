import * as Comment from "@gg/core/comment";
import * as Idempotency from "@gg/core/idempotency";
import { errors, json, router } from "@gg/http";
import { createRoute, z } from "@hono/zod-openapi";
import type { ApiDeps } from "../deps";
import { respond, submitWrite } from "../write";

/** POST /comments/ and GET /comments?image_id=. */
export function commentRoutes(deps: ApiDeps) {
  return router()
    .openapi(
      createRoute({
        method: "post",
        path: "/comments",
        summary: "Comment on an image",
        request: {
          body: {
            content: { "application/json": { schema: Comment.CreateComment } },
            required: true,
          },
        },
        responses: {
          200: json(Comment.Comment, "The comment"),
          ...errors(400, 401, 404, 409, 503),
        },
      }),
      async (c) => {
        const at = deps.now();
        const input = c.req.valid("json");
        const digest = () => Idempotency.hashRequest(JSON.stringify(input));
        return respond(c, await submitWrite(c, deps.writes.comments, input, digest, at));
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/comments",
        summary: "Comments of an image, oldest first",
        request: { query: Comment.ListCommentsQuery },
        responses: { 200: json(z.array(Comment.Comment), "The comments"), ...errors(503) },
      }),
      async (c) => {
        const q = c.req.valid("query");
        return c.json(await Comment.listForImage(deps.pool, q.image_id, q.limit), 200);
      },
    );
}
