import { buildControlRuntime, createControlApp } from "@gg/control";
import { food11Index } from "@gg/traffic/gourmetgram/images";
import { lambdaKick } from "@gg/traffic/shard-lambda";
import { handle } from "hono/aws-lambda";
import { controlDatasetPath, controlSettings } from "./config";

// Built once per container (top-level await: ESM); deployed, this makes no network call.
const runtime = await buildControlRuntime(controlSettings());

/** Function URL (payload 2.0) → the control plane: streams, /generate, samples. */
const datasetPath = controlDatasetPath();
const generatorArn = runtime.deps.schedule?.targetArn;
export const handler = handle(
  createControlApp({
    ...runtime.deps,
    ...(datasetPath ? { dataset: () => food11Index(datasetPath) } : {}),
    // A stream started with the rule off gets its first minute from a kick, not a late schedule.
    ...(generatorArn ? { kick: lambdaKick(generatorArn) } : {}),
  }),
);
