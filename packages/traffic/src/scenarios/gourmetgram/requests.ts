import { randomBytes } from "node:crypto";
import { basename } from "node:path";
import { EVENT_TIME_HEADER } from "@gg/core/db";
import type { ImageCache } from "./image-cache";
import type { PlannedEvent } from "./plan/index";
import type { ApiRequest } from "./target";

/** An event the plan fires (not a skipped draw). */
export type FiringEvent = Extract<PlannedEvent, { status: "planned" }>;

// One boundary per process: 24 random hex digits never occur in a caption or a JPEG by chance.
const BOUNDARY = `gg-${randomBytes(12).toString("hex")}`;
const encoder = new TextEncoder();

/**
 * The API request of an event, with its idempotency key, so every attempt (and every replay of
 * the minute) is the same request. Bodies are encoded directly (a JSON string; a multipart body
 * around cached upload bytes), never through Request/FormData objects.
 */
export async function buildRequest(
  event: FiringEvent,
  apiKey: string | undefined,
  images: ImageCache | null,
): Promise<ApiRequest> {
  // The planned time, so planning state files the write under its minute even when a backfill
  // fires it later (bootstrap's atMs 0: the initial world predates all traffic).
  const common: Record<string, string> = {
    "idempotency-key": event.idempotencyKey,
    [EVENT_TIME_HEADER]: new Date(event.atMs).toISOString(),
  };
  if (apiKey) common["x-api-key"] = apiKey;
  const json = (path: string, body: unknown): ApiRequest => ({
    path,
    headers: { "content-type": "application/json", ...common },
    body: JSON.stringify(body),
  });
  switch (event.kind) {
    case "user":
      return json("/users/", event.payload);
    case "view":
      return json(`/images/${encodeURIComponent(event.payload.imageId)}/view`, {
        user_id: event.payload.userId,
      });
    case "comment":
      return json("/comments/", {
        image_id: event.payload.imageId,
        user_id: event.payload.userId,
        content: event.payload.content,
      });
    case "flag":
      return json("/flags/", {
        user_id: event.payload.userId,
        image_id: event.payload.imageId,
        reason: event.payload.reason,
      });
    case "upload": {
      if (!images) throw new Error("an upload was planned without a dataset");
      const bytes = await images.bytes(event.payload.image);
      const body = multipart(
        {
          user_id: event.payload.userId,
          caption: event.payload.caption,
          category: event.payload.category,
        },
        { name: basename(event.payload.image.path), type: "image/jpeg", bytes },
      );
      const headers = { "content-type": `multipart/form-data; boundary=${BOUNDARY}`, ...common };
      return { path: "/upload/", headers, body };
    }
  }
}

/** A multipart/form-data body: text fields, then one file. */
function multipart(
  fields: Record<string, string>,
  file: { name: string; type: string; bytes: Uint8Array },
): Uint8Array {
  let head = "";
  for (const [name, value] of Object.entries(fields)) {
    head += `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  }
  const filename = file.name.replace(/["\r\n]/g, "_");
  head += `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: ${file.type}\r\n\r\n`;
  const start = encoder.encode(head);
  const end = encoder.encode(`\r\n--${BOUNDARY}--\r\n`);
  const body = new Uint8Array(start.byteLength + file.bytes.byteLength + end.byteLength);
  body.set(start, 0);
  body.set(file.bytes, start.byteLength);
  body.set(end, start.byteLength + file.bytes.byteLength);
  return body;
}
