// What `pnpm bench api` sends: the seed data it needs (users, images, uploaded through the API
// itself) and one request builder per scenario, each spreading its requests over that data.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { CATEGORIES } from "@gg/core/food11";
import type { Random } from "@gg/core/random";
import type { RequestSpec } from "./raw-http";

export const SCENARIOS = ["views", "views-hot", "uploads", "comments", "users"] as const;
export type BenchScenario = (typeof SCENARIOS)[number];

/** How a scenario is named in the tables. */
export const labelOf: Record<BenchScenario, string> = {
  views: "views (many images)",
  "views-hot": "views (one hot image)",
  uploads: "uploads",
  comments: "comments",
  users: "users",
};

/** Which topic each scenario's events land on (users publish none). */
export const topicOf: Record<BenchScenario, string | undefined> = {
  views: "gourmetgram.views",
  "views-hot": "gourmetgram.views",
  uploads: "gourmetgram.uploads",
  comments: "gourmetgram.comments",
  users: undefined,
};

export interface Photo {
  bytes: Buffer;
  category: string;
}

const FOOD11 = fileURLToPath(
  new URL("../../packages/traffic/assets/food11/training", import.meta.url),
);

/** The bundled Food-11 JPEGs (a few KB each) with the category their folder names. */
export function bundledPhotos(): Photo[] {
  return readdirSync(FOOD11)
    .sort()
    .flatMap((folder) => {
      const category = CATEGORIES[Number(folder.replace("class_", ""))] ?? "Unknown";
      return readdirSync(join(FOOD11, folder))
        .filter((f) => f.endsWith(".jpg"))
        .sort()
        .map((f) => ({ bytes: readFileSync(join(FOOD11, folder, f)), category }));
    });
}

const BOUNDARY = "gg-bench-6b1f0c3e9a";

/** A multipart/form-data upload body, framed by hand (the load loop sends raw bytes). */
export function uploadRequest(userId: string, photo: Photo, caption: string): RequestSpec {
  const field = (name: string, value: string) =>
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const head =
    field("user_id", userId) +
    field("category", photo.category) +
    field("caption", caption) +
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="photo.jpg"\r\n` +
    "Content-Type: image/jpeg\r\n\r\n";
  return {
    method: "POST",
    path: "/upload/",
    headers: { "content-type": `multipart/form-data; boundary=${BOUNDARY}` },
    body: Buffer.concat([Buffer.from(head), photo.bytes, Buffer.from(`\r\n--${BOUNDARY}--\r\n`)]),
  };
}

const json = (path: string, value: unknown): RequestSpec => ({
  method: "POST",
  path,
  headers: { "content-type": "application/json" },
  body: Buffer.from(JSON.stringify(value)),
});

export interface Seed {
  userIds: string[];
  imageIds: string[];
  photos: Photo[];
}

/** The image a viral run sends every view to. */
export const hotImageOf = (seed: Seed): string => seed.imageIds[0] as string;

/** The request builder of a scenario: uniform draws over the seeded users and images. */
export function requestsFor(
  scenario: BenchScenario,
  seed: Seed,
  random: Random,
  runId: string,
): (i: number) => RequestSpec {
  const pick = <T>(xs: T[]): T => xs[random.int(0, xs.length - 1)] as T;
  switch (scenario) {
    case "views":
    case "views-hot": {
      // A viral image takes every view: they all contend for its one row. The other images
      // share the many-images views, so the hot image's count says what its scenario did.
      const others = seed.imageIds.length > 1 ? seed.imageIds.slice(1) : seed.imageIds;
      const image = scenario === "views-hot" ? () => hotImageOf(seed) : () => pick(others);
      // Half the views name their viewer, as the contract's clients do either way.
      return () => {
        const path = `/images/${image()}/view`;
        if (random.bool()) return json(path, { user_id: pick(seed.userIds) });
        return { method: "POST", path };
      };
    }
    case "uploads":
      return (i) => uploadRequest(pick(seed.userIds), pick(seed.photos), `bench upload ${i}`);
    case "comments":
      return (i) =>
        json("/comments/", {
          image_id: pick(seed.imageIds),
          user_id: pick(seed.userIds),
          content: `bench comment ${i}: looks delicious`,
        });
    case "users":
      return (i) => json("/users/", { username: `bench-${runId}-${i}` });
  }
}
