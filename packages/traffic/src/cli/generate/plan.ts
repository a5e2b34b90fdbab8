import type { Pool } from "@gg/core/db";
import { bundledFood11Root, food11Index } from "../../scenarios/gourmetgram/images/index";
import { previewRequest, type StreamPlan } from "../../scenarios/gourmetgram/preview-request";
import type { RateCeilings } from "../../scenarios/index";
import type * as Streams from "../../streams/index";

export interface PlanJob {
  minute: Date;
  limit: number;
  /** A stored stream (its configuration in force then), or the CLI stream's configuration. */
  stream: { id: string } | { config: Streams.StartStream };
  ceilings: RateCeilings;
  datasetPath: string | undefined;
  testAccountRate: number;
}

/** `pnpm generate plan`: the minute previewed against the database's state, as a table. */
export async function planTable(pool: Pool, job: PlanJob): Promise<string> {
  const dataset = await food11Index(job.datasetPath ?? bundledFood11Root()).catch(() => null);
  const req: Streams.PlanRequest =
    "id" in job.stream
      ? { stream_id: job.stream.id, minute: job.minute, limit: job.limit, start: null }
      : { stream_id: null, minute: job.minute, limit: job.limit, start: job.stream.config };
  const plan = await previewRequest(pool, req, {
    ceilings: job.ceilings,
    dataset,
    defaults: { testAccountRate: job.testAccountRate },
  });
  return renderPlan(plan);
}

/** The header (minute, seed, expected, counts by kind) and one row per listed event. */
function renderPlan(plan: StreamPlan): string {
  const kinds = Object.entries(plan.by_kind)
    .map(([k, c]) => `${k} ${c.planned}${c.skipped ? ` (+${c.skipped} skipped)` : ""}`)
    .join(", ");
  const short = (id: string | null) => (id === null ? "-" : id.slice(0, 8));
  const rows = [
    ["#", "offset s", "kind", "status", "actor", "target", "idempotency key"],
    ...plan.events.map((e) => [
      String(e.index),
      (e.offset_ms / 1000).toFixed(3),
      e.kind,
      e.reason ? `skipped: ${e.reason}` : e.status,
      short(e.actor),
      short(e.target),
      e.idempotency_key,
    ]),
  ];
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => r[i]!.length)));
  const fmt = (r: string[]) =>
    r
      .map((v, i) => v.padEnd(widths[i]!))
      .join("  ")
      .trimEnd();
  return [
    `minute ${plan.minute}  seed ${plan.seed}${plan.config_version ? `  config v${plan.config_version}` : ""}`,
    `expected ${plan.expected.toFixed(1)}, drawn ${plan.count}: ${kinds}`,
    "",
    fmt(rows[0]!),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...rows.slice(1).map(fmt),
    ...(plan.count > plan.events.length ? [`… ${plan.count - plan.events.length} more`] : []),
  ].join("\n");
}
