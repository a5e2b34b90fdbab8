import { buildControlRuntime, createControlApp } from "@gg/control";
import { handle } from "hono/aws-lambda";
import { controlSettings } from "./config";

// Built once per container (top-level await: ESM); deployed, this makes no network call.
const runtime = await buildControlRuntime(controlSettings());

/** Function URL (payload 2.0) → the control plane: streams, /generate, samples. */
export const handler = handle(createControlApp(runtime.deps));
