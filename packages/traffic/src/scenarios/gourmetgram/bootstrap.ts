import { createRandom } from "@gg/core/random";
import type { Queryable } from "@gg/core/sql";
import type { ImageIndex } from "../../images/index";
import { nextKey } from "../../plan/keys";
import { caption, createTextSource, newUser } from "../../text/index";
import { createImageCache } from "./image-cache";
import type { FiringEvent } from "./requests";
import { buildRequest } from "./requests";
import { sendOnce } from "./send";
import type { ApiTarget } from "./target";

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
 */
export async function bootstrap(input: BootstrapInput): Promise<{ users: number; images: number }> {
  const count = async (table: "users" | "images") =>
    (await input.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`)).rows[0]?.n ??
    0;
  const text = createTextSource();
  const cache = input.dataset ? createImageCache(input.dataset) : null;
  const send = async (event: FiringEvent) => {
    const outcome = await sendOnce(input.target, () =>
      buildRequest(event, input.target.apiKey, cache),
    );
    if (outcome !== "ok" && outcome !== "duplicate") {
      throw new Error(
        `bootstrap ${event.kind} failed (${outcome}); is the API up at ${input.target.baseUrl}?`,
      );
    }
  };
  const common = (i: number, kind: string) => ({
    index: i,
    offsetMs: 0,
    atMs: 0,
    idempotencyKey: nextKey(createRandom(input.seed, "bootstrap", kind, i)),
    status: "planned" as const,
    session: null,
  });
  let users = 0;
  for (let i = await count("users"); i < input.users; i++, users++) {
    const payload = newUser(
      text,
      createRandom(input.seed, "bootstrap", "user", i),
      input.testAccountRate,
    );
    await send({ ...common(i, "user"), kind: "user", payload });
  }
  let images = 0;
  const entries = input.dataset?.entries ?? [];
  const have = await count("images");
  if (have < input.images && entries.length > 0) {
    const ids = (
      await input.db.query<{ id: string }>(
        "SELECT id::text AS id FROM users ORDER BY created_at, id",
      )
    ).rows;
    for (let i = have; i < input.images && ids.length > 0; i++, images++) {
      const rng = createRandom(input.seed, "bootstrap", "image", i);
      const entry = entries[rng.int(0, entries.length - 1)]!;
      const payload = {
        userId: rng.pick(ids).id,
        caption: caption(text, rng, entry.category),
        category: entry.category,
        image: { path: entry.path, category: entry.category },
      };
      await send({ ...common(i, "upload"), kind: "upload", payload });
    }
  }
  return { users, images };
}
