import { OpenAPIHono, z } from "@hono/zod-openapi";
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
 * The error responses a route may give, for the OpenAPI document: on every route a 422, a 403 (a
 * Host not served without a key) and a 413 (a body over the limit, which the edge answers before
 * any route), plus `statuses`.
 */
export const errors = (...statuses: (400 | 401 | 404 | 409 | 413 | 415 | 503)[]) => ({
  422: json(ValidationErrorBody, "Validation error (FastAPI shape)"),
  403: json(ErrorBody, "This Host is not served without an API key"),
  413: json(ErrorBody, "Request body too large"),
  ...Object.fromEntries(statuses.map((s) => [s, json(ErrorBody, "Error")])),
});

export { json };
