import { Uuid } from "@gg/core/fields";
import * as Idempotency from "@gg/core/idempotency";
import * as Image from "@gg/core/image";
import { documentOnly, errors, fail, json, router } from "@gg/http";
import { createRoute, z } from "@hono/zod-openapi";
import type { ApiDeps } from "../deps";
import { respond, submitWrite } from "../write";

const IdParam = z.object({ image_id: Uuid() });
const ViewBody = z.object({ user_id: Uuid().optional() });

const ViewResult = z.object({ status: z.literal("ok"), views: z.number().int() });
const ImageWithUrl = Image.Image.extend({
  url: z.string().describe("Presigned GET URL of the file"),
});
const ImagePage = z.object({ items: z.array(Image.Image), next_cursor: z.string().nullable() });

/** POST /images/{id}/view, GET /images/{id}, GET /images. */
export function imageRoutes(deps: ApiDeps) {
  return router()
    .openapi(
      createRoute({
        method: "post",
        path: "/images/{image_id}/view",
        summary: "Count a view (an optional JSON body may name the viewer)",
        request: {
          params: IdParam,
          body: {
            // Read by the handler: none, an empty one, any content type are taken, as the original
            // took no body at all.
            content: { "application/json": { schema: documentOnly(ViewBody) } },
            required: false,
          },
        },
        responses: { 200: json(ViewResult, "The new view count"), ...errors(401, 404, 503) },
      }),
      async (c) => {
        const at = deps.now();
        const { image_id } = c.req.valid("param");
        const body = await optionalJson(c.req.raw);
        const parsed = ViewBody.safeParse(body === undefined ? {} : body);
        if (!parsed.success)
          throw fail("INVALID_INPUT", "user_id must be a UUID", ["body", "user_id"]);
        const userId = parsed.data.user_id;
        const digest = () => Idempotency.hashRequest(image_id, userId ?? "");
        const view = { imageId: image_id, userId };
        return respond(c, await submitWrite(c, deps.writes.views, view, digest, at));
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/images/{image_id}",
        summary: "One image, with a presigned URL for its file",
        request: { params: IdParam },
        responses: { 200: json(ImageWithUrl, "The image"), ...errors(404, 503) },
      }),
      async (c) => {
        const image = await Image.get(deps.pool, c.req.valid("param").image_id);
        const url = await deps.store.presign(objectKeyOf(image.s3_url), deps.config.presignSeconds);
        return c.json({ ...image, url }, 200);
      },
    )
    .openapi(
      createRoute({
        method: "get",
        path: "/images",
        summary: "Images, newest first (keyset pagination)",
        request: { query: Image.ListImagesQuery },
        responses: { 200: json(ImagePage, "A page of images"), ...errors(503) },
      }),
      async (c) => {
        const page = await Image.list(deps.pool, c.req.valid("query"));
        return c.json({ items: page.items, next_cursor: page.nextCursor }, 200);
      },
    );
}

/** The object key inside an `s3://bucket/key` (or `file://…/key`) URL. */
function objectKeyOf(url: string): string {
  return url.slice(url.lastIndexOf("/") + 1);
}

// The original took no body here; clients may send none, an empty one, or `{"user_id": ...}`.
async function optionalJson(req: Request): Promise<unknown> {
  const text = await req.text();
  if (!text.trim()) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    throw fail("INVALID_INPUT", "JSON decode error", ["body"]);
  }
}
