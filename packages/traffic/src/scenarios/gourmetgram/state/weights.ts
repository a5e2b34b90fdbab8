import { ENGAGEMENT_POINTS } from "../behaviour/index";
import type { KnownImage } from "../plan/index";

/** A planning_engagement row: 0 upload, 1 view, 2 comment, 3 flag. */
export interface EngagementRow {
  image_id: string;
  kind: number;
  sample_key: number;
}

const POINTS = [1, ENGAGEMENT_POINTS.view, ENGAGEMENT_POINTS.comment, ENGAGEMENT_POINTS.flag];

/**
 * Images from a window of engagement rows, in first-seen order, each weighted by the points of its
 * sampled rows times `scale` (rows in the table per row in the sample): an unbiased estimate of
 * 1 + views + 2·comments + 3·flags. When the window held every row, `scale` is 1 and the counts
 * and weights are exact.
 */
export function imagesOf(rows: readonly EngagementRow[], scale: number): KnownImage[] {
  const byId = new Map<string, { id: string; counts: [number, number, number, number] }>();
  for (const r of rows) {
    let image = byId.get(r.image_id);
    if (!image) {
      image = { id: r.image_id, counts: [0, 0, 0, 0] };
      byId.set(r.image_id, image);
    }
    image.counts[r.kind] = (image.counts[r.kind] ?? 0) + 1;
  }
  return [...byId.values()].map(({ id, counts }) => ({
    id,
    views: counts[1] * scale,
    comments: counts[2] * scale,
    flags: counts[3] * scale,
    weight: counts.reduce((w, c, kind) => w + c * (POINTS[kind] as number), 0) * scale,
  }));
}

/**
 * Table rows per sampled row. A full window of k rows whose keys span `span` of the key space
 * [0, 1) estimates the table's rows as (k − 1) / span (the k-minimum-values estimator); a short
 * window read the whole table, so each row stands for itself.
 */
export function scaleOf(keys: readonly number[], start: number, k: number): number {
  const last = keys[keys.length - 1];
  if (keys.length < k || last === undefined || k < 2) return 1;
  const span = last >= start ? last - start : 1 - start + last;
  return span > 0 ? Math.max(1, (k - 1) / span / k) : 1;
}
