/**
 * The HTTP edge both Hono apps share (the GourmetGram API and the traffic control plane): the
 * closed error codes answered in the contract's FastAPI shapes, the API-key and Host checks, the
 * body limit, the pages' headers, the OpenAPI route helpers and the JSON logger. Core stays free
 * of Hono; this is the one layer above it.
 */
export { requireApiKey } from "./auth";
export { JSON_BODY_MAX_BYTES, jsonBodyLimit } from "./body-limit";
export { errorHandler, type FastApiIssue, fail, toFastApiIssues } from "./errors";
export { ANY_HOST, requireKnownHost } from "./host";
export { jsonLogger, type Logger } from "./logger";
export { notFoundOrNotAllowed } from "./not-found";
export {
  documentOnly,
  ErrorBody,
  errors,
  json,
  router,
  ValidationErrorBody,
} from "./openapi";
export { pageHeaders } from "./page-headers";
