import { Uuid } from "@gg/core/fields";
import * as Idempotency from "@gg/core/idempotency";
import * as User from "@gg/core/user";
import { errors, json, router } from "@gg/http";
import { createRoute, z } from "@hono/zod-openapi";
import type { ApiDeps } from "../deps";
import { respond, submitWrite } from "../write";

const IdParam = z.object({ user_id: Uuid() });

/** POST /users/ (create or return existing by username) and GET /users/{user_id}. */
export function userRoutes(deps: ApiDeps) {
  return router()
    .openapi(
      createRoute({
        method: "post",
        path: "/users",
        summary: "Create a user; an existing username returns the existing row",
        request: {
          body: { content: { "application/json": { schema: User.CreateUser } }, required: true },
        },
        responses: { 200: json(User.User, "The user"), ...errors(400, 401, 409, 503) },
      }),
      async (c) => {
        const at = deps.now();
        const input = c.req.valid("json");
        const digest = () => Idempotency.hashRequest(JSON.stringify(input));
        return respond(c, await submitWrite(c, deps.writes.users, input, digest, at));
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/users/{user_id}",
        summary: "One user",
        request: { params: IdParam },
        responses: { 200: json(User.User, "The user"), ...errors(404, 503) },
      }),
      async (c) => c.json(await User.get(deps.pool, c.req.valid("param").user_id), 200),
    );
}
