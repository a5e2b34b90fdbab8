import { buildRuntime, createApp } from "@gg/api";
import { handle } from "hono/aws-lambda";
import { apiSettings } from "./config";

// Built once per container: warm invocations reuse the pool, the S3 client and the producer.
const runtime = buildRuntime(apiSettings());

/** API Gateway HTTP API / Function URL (payload 2.0) → the Hono app. */
export const handler = handle(createApp(runtime.deps));
