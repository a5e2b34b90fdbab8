/**
 * The HTTP edge both Hono apps share (the GourmetGram API and the traffic control plane): the
 * closed error codes answered in the contract's FastAPI shapes, the API-key check, the OpenAPI
 * route helpers and the JSON logger. Core stays free of Hono; this is the one layer above it.
 */
export { requireApiKey } from "./auth";
export { errorHandler, type FastApiIssue, fail, toFastApiIssues } from "./errors";
export { jsonLogger, type Logger } from "./logger";
export { ErrorBody, errors, json, router, ValidationErrorBody } from "./openapi";
