import { basename } from "node:path";
import { EVENT_TIME_HEADER } from "@gg/core/db";
import { type ImageIndex, readImage } from "../images/index";
import type { PlannedEvent } from "../plan/index";
import type { ApiTarget } from "./target";

/** An event the plan fires (not a skipped draw). */
export type FiringEvent = Extract<PlannedEvent, { status: "planned" }>;

/**
 * The API request of an event, with its idempotency key, so every attempt (and every replay of
 * the minute) is the same request. Upload bytes are read here, at fire time, from the dataset.
 */
export async function buildRequest(
  event: FiringEvent,
  target: ApiTarget,
  dataset: ImageIndex | null,
  timeoutMs: number,
): Promise<Request> {
  // The planned time, so planning state files the write under its minute even when a backfill
  // fires it later (bootstrap's atMs 0: the initial world predates all traffic).
  const headers = new Headers({
    "idempotency-key": event.idempotencyKey,
    [EVENT_TIME_HEADER]: new Date(event.atMs).toISOString(),
  });
  if (target.apiKey) headers.set("x-api-key", target.apiKey);
  const signal = AbortSignal.timeout(timeoutMs);
  const json = (path: string, body: unknown) => {
    headers.set("content-type", "application/json");
    return new Request(`${target.baseUrl}${path}`, {
      method: "POST",
      headers,
      body: JSON.stringify(body),
      signal,
    });
  };
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
      if (!dataset) throw new Error("an upload was planned without a dataset");
      const bytes = await readImage(dataset, event.payload.image);
      const form = new FormData();
      form.set("user_id", event.payload.userId);
      form.set("caption", event.payload.caption);
      form.set("category", event.payload.category);
      form.set(
        "file",
        new File([new Uint8Array(bytes)], basename(event.payload.image.path), {
          type: "image/jpeg",
        }),
      );
      return new Request(`${target.baseUrl}/upload/`, {
        method: "POST",
        headers,
        body: form,
        signal,
      });
    }
  }
}
