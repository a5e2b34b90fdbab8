// The data the scenarios spread over, created through the API itself (so it is real: rows,
// objects in S3 and events), a few requests at a time.
import type { Random } from "@gg/core/random";
import type { RequestSpec } from "./raw-http";
import { bundledPhotos, type Seed, uploadRequest } from "./scenarios";

/** Create `users` users and `images` uploaded images; throws on any non-2xx answer. */
export async function seedData(
  baseUrl: string,
  counts: { users: number; images: number },
  random: Random,
  runId: string,
): Promise<Seed> {
  const photos = bundledPhotos();
  if (photos.length === 0) throw new Error("no bundled Food-11 JPEGs found");
  const userIds = await inParallel(counts.users, 4, async (i) => {
    const body = JSON.stringify({ username: `bench-seed-${runId}-${i}` });
    const user = await post<{ id: string }>(baseUrl, {
      method: "POST",
      path: "/users/",
      headers: { "content-type": "application/json" },
      body: Buffer.from(body),
    });
    return user.id;
  });
  const imageIds = await inParallel(counts.images, 4, async (i) => {
    const userId = userIds[random.int(0, userIds.length - 1)] as string;
    const photo = photos[i % photos.length]!;
    const image = await post<{ id: string }>(baseUrl, uploadRequest(userId, photo, `seed ${i}`));
    return image.id;
  });
  return { userIds, imageIds, photos };
}

async function post<T>(baseUrl: string, spec: RequestSpec): Promise<T> {
  const res = await fetch(baseUrl + spec.path, {
    method: spec.method,
    headers: spec.headers,
    body: spec.body ? new Uint8Array(spec.body) : undefined,
  });
  if (!res.ok) throw new Error(`seeding ${spec.path}: ${res.status} ${await res.text()}`);
  return (await res.json()) as T;
}

/** `fn(0..n-1)` with at most `width` in flight, results in index order. */
async function inParallel<T>(n: number, width: number, fn: (i: number) => Promise<T>) {
  const out = new Array<T>(n);
  let next = 0;
  const lane = async () => {
    while (next < n) {
      const i = next++;
      out[i] = await fn(i);
    }
  };
  await Promise.all(Array.from({ length: Math.min(width, n) }, lane));
  return out;
}
