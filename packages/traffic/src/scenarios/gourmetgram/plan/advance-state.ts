import { ENGAGEMENT_POINTS, type EngagementKind } from "../behaviour/index";
import type { KnownImage, KnownState, KnownUser, MinutePlan, PlannedEvent } from "./types";

const FIELD = { view: "views", comment: "comments", flag: "flags" } as const;

/**
 * The state after a plan's events all succeed, for dry runs and simulations that have no API:
 * counters move, and created users and images get ids from `newId` (the API assigns real ones).
 */
export function advanceState(
  state: KnownState,
  plan: MinutePlan,
  newId: (event: PlannedEvent) => string,
): KnownState {
  const images: KnownImage[] = state.images.slice();
  const users: KnownUser[] = state.users.slice();
  const at = new Map<string, number>();
  images.forEach((img, i) => {
    at.set(img.id, i);
  });
  const bump = (id: string, kind: EngagementKind) => {
    const field = FIELD[kind];
    const i = at.get(id);
    const img = i === undefined ? undefined : images[i];
    if (img && i !== undefined) {
      const weight = img.weight === undefined ? undefined : img.weight + ENGAGEMENT_POINTS[kind];
      images[i] = { ...img, [field]: img[field] + 1, ...(weight === undefined ? {} : { weight }) };
    }
  };
  for (const e of plan.events) {
    if (e.status !== "planned") continue;
    const createdAt = new Date(e.atMs).toISOString();
    if (e.kind === "user") users.push({ id: newId(e), createdAt });
    else if (e.kind === "upload") {
      const id = newId(e);
      at.set(id, images.length);
      images.push({ id, userId: e.payload.userId, views: 0, comments: 0, flags: 0, createdAt });
    } else bump(e.payload.imageId, e.kind);
  }
  return { users, images };
}
