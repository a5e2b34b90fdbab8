import {
  errorHandler,
  jsonBodyLimit,
  notFoundOrNotAllowed,
  pageHeaders,
  requireApiKey,
  requireKnownHost,
} from "@gg/http";
import { OpenAPIHono } from "@hono/zod-openapi";
import { dashboardDataRoutes, dashboardPageRoutes } from "./dashboard/routes";
import type { ControlDeps } from "./deps";
import { docsRoutes } from "./routes/docs";
import { firehoseRoutes } from "./routes/firehose";
import { generateRoutes } from "./routes/generate";
import { streamRoutes } from "./routes/stream";
import { streamPlanRoutes } from "./routes/stream-plan";

/**
 * The traffic control plane: streams of background traffic, bulk generation and samples, and the
 * firehose where the host wires one.
 * Deployed as its own function (it bundles the generators); mounted beside the API locally.
 */
export function createControlApp(deps: ControlDeps) {
  const app = new OpenAPIHono({ strict: false });
  app.onError(errorHandler(deps.log));
  app.notFound(notFoundOrNotAllowed(app));
  app.use("*", requireKnownHost(deps.apiKey, deps.allowedHosts));
  app.use("*", jsonBodyLimit());
  app.use("/dashboard", pageHeaders()).use("/dashboard/assets/*", pageHeaders());
  app.use("/docs", pageHeaders()).use("/docs/assets/*", pageHeaders());
  // Pages and their files are public (the dashboard holds the login form); registered first,
  // they answer before the key check below.
  app.route("/", dashboardPageRoutes()).route("/", docsRoutes());
  // Every control route sits behind the key when one is configured, reads included.
  app.use("*", requireApiKey(deps.apiKey, { reads: true }));
  app.route("/", streamRoutes(deps)).route("/", streamPlanRoutes(deps));
  app.route("/", generateRoutes(deps));
  if (deps.firehose) app.route("/", firehoseRoutes(deps, deps.firehose));
  app.route("/", dashboardDataRoutes(deps));
  app.doc31("/control/openapi.json", {
    openapi: "3.1.0",
    info: { title: "GourmetGram Traffic control API", version: "1.0.0" },
  });
  return app;
}

export type ControlApp = ReturnType<typeof createControlApp>;
