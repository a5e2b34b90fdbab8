import { createRandom } from "@gg/core/random";
import type { Queryable } from "@gg/core/sql";
import { createTextSource } from "../../faker/index";
import { createImageCache } from "./image-cache";
import type { ImageIndex } from "./images/index";
import { nextKey } from "./plan/keys";
import type { FiringEvent } from "./requests";
import { buildRequest } from "./requests";
import { backoffMs, type RetryPolicy } from "./retry";
import { sendOnce } from "./send";
import type { ApiTarget } from "./target";
import { caption, newUser } from "./text/index";

/** Creating an actor: up to 6 attempts, ~6 s of backoff in all. */
const ACTOR_RETRY: RetryPolicy = { maxAttempts: 6, baseMs: 200, maxMs: 2_000 };

export interface BootstrapInput {
  db: Queryable;
  target: ApiTarget;
  dataset: ImageIndex | null;
  seed: string | number;
  /** `GENERATOR_INITIAL_USERS` / `GENERATOR_INITIAL_IMAGES`: totals to reach, not to add. */
  users: number;
  images: number;
  testAccountRate: number;
}

/**
 * Tops the database up to the initial users and images (the original created them at start), via
 * the API so rows and events are real. Item i has a key from (seed, i): a restart that finds
 * fewer rows re-sends the same requests, which the API answers from its idempotency record.
 * They are stamped at the epoch for the planning logs: the initial world predates all traffic.
 */
export async function bootstrap(input: BootstrapInput): Promise<{ users: number; images: number }> {
  const count = async (table: "users" | "images") =>
    (await input.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]?.n ??
    0;
  return createActors({
    ...input,
    atMs: 0,
    draw: (kind, i) => createRandom(input.seed, "bootstrap", kind, i),
    users: { from: await count("users"), to: input.users },
    images: { from: await count("images"), to: input.images },
    owners: async () =>
      (
        await input.db.query<{ id: string }>(
          "SELECT id::text AS id FROM users ORDER BY created_at, id",
        )
      ).rows.map((r) => r.id),
  });
}

export interface ActorsInput {
  target: ApiTarget;
  dataset: ImageIndex | null;
  testAccountRate: number;
  /** The event time the planning logs stamp them with (`x-gg-event-time`). */
  atMs: number;
  /**
   * Item i of a kind draws its key and (from a second copy) its payload from this: the same i
   * re-sends the same request.
   */
  draw(kind: "user" | "upload", i: number): ReturnType<typeof createRandom>;
  /** Items [from, to) of each kind are created. */
  users: { from: number; to: number };
  images: { from: number; to: number };
  /** Who may own the images, read after the users are created. */
  owners(): Promise<string[]>;
}

/** Creates users, then images owned by them, through the API; a failure says where it failed. */
export async function createActors(input: ActorsInput): Promise<{ users: number; images: number }> {
  const text = createTextSource();
  const cache = input.dataset ? createImageCache(input.dataset) : null;
  // A transient failure (5xx, 429, a timeout) is retried with backoff under the same key, which
  // makes the retry safe; a refusal, or the last attempt's failure, stops the bootstrap.
  const send = async (event: FiringEvent) => {
    let why = "";
    for (let attempt = 1; ; attempt++) {
      const outcome = await sendOnce(
        input.target,
        () => buildRequest(event, input.target.apiKey, cache),
        { onError: (e) => (why = e) },
      );
      if (outcome === "ok" || outcome === "duplicate") return;
      if (outcome === "fail" || attempt >= ACTOR_RETRY.maxAttempts)
        throw new Error(
          `creating a ${event.kind} failed (${outcome} after ${attempt} attempt(s): ${why}); is the API up at ${input.target.baseUrl}?`,
        );
      await new Promise((r) => setTimeout(r, backoffMs(ACTOR_RETRY, attempt, Math.random())));
    }
  };
  const common = (i: number, kind: "user" | "upload") => ({
    index: i,
    offsetMs: 0,
    atMs: input.atMs,
    idempotencyKey: nextKey(input.draw(kind, i)),
    status: "planned" as const,
    session: null,
  });
  let users = 0;
  for (let i = input.users.from; i < input.users.to; i++, users++) {
    const payload = newUser(text, input.draw("user", i), input.testAccountRate);
    await send({ ...common(i, "user"), kind: "user", payload });
  }
  let images = 0;
  const entries = input.dataset?.entries ?? [];
  if (input.images.from < input.images.to && entries.length > 0) {
    const ids = await input.owners();
    for (let i = input.images.from; i < input.images.to && ids.length > 0; i++, images++) {
      const rng = input.draw("upload", i);
      const entry = entries[rng.int(0, entries.length - 1)]!;
      const payload = {
        userId: rng.pick(ids),
        caption: caption(text, rng, entry.category),
        category: entry.category,
        image: { path: entry.path, category: entry.category },
      };
      await send({ ...common(i, "upload"), kind: "upload", payload });
    }
  }
  return { users, images };
}
