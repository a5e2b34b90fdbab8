import { createHash } from "node:crypto";
import { text, Uuid } from "@gg/core/fields";
import { CategoryInput, normalizeCategory } from "@gg/core/food11";
import * as Idempotency from "@gg/core/idempotency";
import * as Image from "@gg/core/image";
import * as User from "@gg/core/user";
import { errors, fail, json, router } from "@gg/http";
import { createRoute, z } from "@hono/zod-openapi";
import { bodyLimit } from "hono/body-limit";
import type { ApiDeps } from "../deps";
import { respond, submitWrite } from "../write";

const UploadForm = z.object({
  user_id: Uuid(),
  caption: text({ max: 5000 }).optional(),
  category: CategoryInput.optional(),
  file: z
    .custom<File>((v) => v instanceof File, { message: "Field required: a file part" })
    .openapi({ type: "string", format: "binary" }),
});

// Multipart framing around the file: headers, boundaries and the small text fields.
const FORM_OVERHEAD = 64 * 1024;

/**
 * POST /upload/: every check happens before anything is stored (user exists, size, real image
 * bytes); the object key comes from the new image id and the detected type; if the row's
 * transaction fails, the object is deleted so no orphan stays behind.
 */
export function uploadRoutes(deps: ApiDeps) {
  const max = deps.config.uploadMaxBytes;
  const app = router();
  app.use("/upload", bodyLimit({ maxSize: max + FORM_OVERHEAD, onError: tooLarge(max) }));
  return app.openapi(
    createRoute({
      method: "post",
      path: "/upload",
      summary: "Upload a JPEG, PNG or WebP image",
      request: {
        body: { content: { "multipart/form-data": { schema: UploadForm } }, required: true },
      },
      responses: {
        200: json(Image.Image, "The image row"),
        ...errors(400, 401, 404, 409, 413, 415, 503),
      },
    }),
    async (c) => {
      const at = deps.now();
      const form = c.req.valid("form");
      const bytes = new Uint8Array(await form.file.arrayBuffer());
      if (bytes.length > max) throw fail("TOO_LARGE", `File is larger than ${max} bytes`);
      const type = Image.detectImageType(bytes);
      if (!type) throw fail("UNSUPPORTED_MEDIA", "File is not a JPEG, PNG or WebP image");
      const category =
        form.category === undefined ? null : (normalizeCategory(form.category) ?? null);
      await User.assertExists(deps.pool, form.user_id);

      const digest = () =>
        Idempotency.hashRequest(
          form.user_id,
          form.caption ?? "",
          category ?? "",
          createHash("sha256").update(bytes).digest("hex"),
        );
      const id = Image.newImageId();
      const key = `${id}.${type.ext}`;
      const { url } = await deps.store.put(key, bytes, type.contentType);
      try {
        const image = {
          id,
          userId: form.user_id,
          s3Url: url,
          caption: form.caption ?? null,
          category,
        };
        const result = await submitWrite(c, deps.writes.uploads, image, digest, at);
        if (result.replayed) await removeQuietly(deps, key);
        return respond(c, result);
      } catch (e) {
        await removeQuietly(deps, key);
        throw e;
      }
    },
  );
}

const tooLarge = (max: number) => () => {
  throw fail("TOO_LARGE", `Request body is larger than the ${max}-byte upload limit`);
};

async function removeQuietly(deps: ApiDeps, key: string) {
  await deps.store.delete(key).catch((error: unknown) => {
    deps.log.error("could not delete an unused upload", { key, error: String(error) });
  });
}
