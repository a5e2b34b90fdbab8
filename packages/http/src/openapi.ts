import { OpenAPIHono, type RouteConfig, z } from "@hono/zod-openapi";
import { toFastApiIssues } from "./errors";

const where: Record<string, string> = {
  json: "body",
  form: "body",
  query: "query",
  param: "path",
  header: "header",
};

// Validation failures answer in FastAPI's 422 shape, which clients of the original parse.
type Options = NonNullable<ConstructorParameters<typeof OpenAPIHono>[0]>;
const defaultHook: Options["defaultHook"] = (result, c) => {
  // A required JSON body is validated even when none came (a body without a Content-Type is a
  // 415 before this), and hono's validator reads an absent body as `{}`, which a schema of
  // optional keys accepts: refuse it as FastAPI does.
  if (result.target === "json" && c.req.header("content-type") === undefined) {
    return c.json({ detail: [{ loc: ["body"], msg: "Field required", type: "missing" }] }, 422);
  }
  if (!result.success) {
    return c.json(
      { detail: toFastApiIssues(where[result.target] ?? result.target, result.error) },
      422,
    );
  }
};

/** A router whose validation errors speak FastAPI; every route module starts from one. */
export const router = () => new OpenAPIHono({ defaultHook });

export const ErrorBody = z.object({ detail: z.string() }).openapi("Error");
export const ValidationErrorBody = z
  .object({
    detail: z.array(
      z.object({
        loc: z.array(z.union([z.string(), z.number()])),
        msg: z.string(),
        type: z.string(),
      }),
    ),
  })
  .openapi("ValidationError");

const json = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});

/**
 * The error responses a route may give, for the OpenAPI document: on every route a 422, and what
 * the edge answers before any route: a 403 (a Host not served without a key), a 413 (a body over
 * the limit) and a 431 (Node's HTTP server refuses a request line and headers over its limit,
 * with no body); plus `statuses`.
 */
export const errors = (...statuses: (400 | 401 | 404 | 409 | 413 | 415 | 503)[]) => ({
  422: json(ValidationErrorBody, "Validation error (FastAPI shape)"),
  403: json(ErrorBody, "This Host is not served without an API key"),
  413: json(ErrorBody, "Request body too large"),
  431: { description: "Request line and headers too large (no body)" },
  ...Object.fromEntries(statuses.map((s) => [s, json(ErrorBody, "Error")])),
});

type MediaType = NonNullable<
  NonNullable<NonNullable<RouteConfig["request"]>["body"]>["content"][string]
>;
type ContentSchema = Extract<MediaType, { schema?: unknown }>["schema"];

/**
 * A zod schema's JSON Schema, for the document alone: for a body the handler reads itself, which
 * the router must not validate (or refuse for its content type) first.
 */
export function documentOnly(schema: z.ZodType): ContentSchema {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io: "input" });
  return rest as ContentSchema;
}

export { json };
