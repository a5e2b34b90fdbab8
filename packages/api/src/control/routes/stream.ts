import { router } from "../../openapi";
import type { ControlDeps } from "../deps";

/** /stream/start, /stream/stop/{id}, /stream/status, /stream/stats. */
export function streamRoutes(_deps: ControlDeps) {
  return router();
}
