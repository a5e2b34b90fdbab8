import {
  errorHandler,
  jsonBodyLimit,
  notFoundOrNotAllowed,
  requireApiKey,
  requireKnownHost,
} from "@gg/http";
import { OpenAPIHono } from "@hono/zod-openapi";
import type { ApiDeps } from "./deps";
import { commentRoutes } from "./routes/comments";
import { flagRoutes } from "./routes/flags";
import { healthRoutes } from "./routes/health";
import { imageRoutes } from "./routes/images";
import { uploadRoutes } from "./routes/upload";
import { userRoutes } from "./routes/users";

/**
 * The GourmetGram API as one runtime-agnostic Hono app: the Lambda entry adapts it with
 * hono/aws-lambda, the local server with @hono/node-server, tests call `app.request()`.
 */
export function createApp(deps: ApiDeps) {
  // strict: false answers `/users` and `/users/` alike (the original redirected one of them).
  const app = new OpenAPIHono({ strict: false });
  app.onError(errorHandler(deps.log));
  app.notFound(notFoundOrNotAllowed(app));
  app.use("*", requireKnownHost(deps.config.apiKey, deps.config.allowedHosts));
  app.use("*", requireApiKey(deps.config.apiKey));
  app.use("*", jsonBodyLimit());
  app.use("*", async (c, next) => {
    await next();
    // Publish what this request committed. Never fails the request: the relay catches its own
    // errors, and anything left is drained by the next request or the scheduled relay.
    if (c.req.method === "POST" && c.res.status < 400) {
      const flushed = deps.relay.flush();
      if (deps.config.flush === "await") await flushed;
    }
  });
  app
    .route("/", healthRoutes(deps))
    .route("/", userRoutes(deps))
    .route("/", uploadRoutes(deps))
    .route("/", imageRoutes(deps))
    .route("/", commentRoutes(deps))
    .route("/", flagRoutes(deps));
  app.doc31("/openapi.json", {
    openapi: "3.1.0",
    info: {
      title: "GourmetGram API",
      version: "1.0.0",
      description: "Compatible with the original FastAPI service.",
    },
  });
  app.openAPIRegistry.registerComponent("securitySchemes", "ApiKey", {
    type: "apiKey",
    in: "header",
    name: "x-api-key",
  });
  return app;
}

export type App = ReturnType<typeof createApp>;
