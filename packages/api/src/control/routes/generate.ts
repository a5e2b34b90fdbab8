import { router } from "../../openapi";
import type { ControlDeps } from "../deps";

/** POST /generate/{type}, GET /generate/sample/{type}. */
export function generateRoutes(_deps: ControlDeps) {
  return router();
}
