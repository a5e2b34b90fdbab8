import type { MinuteRecord } from "../../minute/index";
import { EventKinds } from "../../scenarios/gourmetgram/behaviour/index";

/** The live progress line: a bar over all minutes, and the current minute's events. */
export function progressLine(p: {
  minuteIndex: number;
  minutes: number;
  minute: string;
  settled: number;
  total: number;
  waitingSeconds?: number;
}): string {
  const width = 24;
  const done =
    p.minutes === 0 ? 1 : (p.minuteIndex + (p.total ? p.settled / p.total : 0)) / p.minutes;
  const filled = Math.min(width, Math.round(done * width));
  const bar = `${"█".repeat(filled)}${"░".repeat(width - filled)}`;
  const what =
    p.waitingSeconds !== undefined
      ? `waiting ${p.waitingSeconds}s for ${p.minute.slice(11, 16)}`
      : `minute ${p.minuteIndex + 1}/${p.minutes} ${p.minute.slice(0, 16)}Z  events ${p.settled}/${p.total}`;
  return `[${bar}] ${String(Math.floor(done * 100)).padStart(3)}%  ${what}`;
}

/** The end-of-run table: per kind planned/sent/succeeded/failed, then lateness and timing. */
export function summaryTable(records: readonly MinuteRecord[]): string {
  const ran = records.filter((r) => r.status === "ran");
  const cols = [
    "planned",
    "sent",
    "succeeded",
    "failed",
    "duplicate",
    "retried",
    "skipped",
  ] as const;
  const rows: (string | number)[][] = [["kind", ...cols]];
  const total = Object.fromEntries(cols.map((c) => [c, 0])) as Record<
    (typeof cols)[number],
    number
  >;
  for (const kind of EventKinds) {
    const row: (string | number)[] = [kind];
    for (const c of cols) {
      const n = ran.reduce((s, r) => s + (r.byKind[kind]?.[c] ?? 0), 0);
      total[c] += n;
      row.push(n);
    }
    rows.push(row);
  }
  rows.push(["total", ...cols.map((c) => total[c])]);
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  const fmt = (r: (string | number)[]) =>
    r
      .map((v, i) => (i === 0 ? String(v).padEnd(widths[i]!) : String(v).padStart(widths[i]!)))
      .join("  ");
  const lines = [
    fmt(rows[0]!),
    widths.map((w) => "-".repeat(w)).join("  "),
    ...rows.slice(1).map(fmt),
  ];
  const live = ran.filter((r) => r.lateness.p99 !== null);
  const worst = (f: (r: MinuteRecord) => number | null) =>
    live.length ? Math.max(...live.map((r) => f(r) ?? 0)) : null;
  const skippedMinutes = records.length - ran.length;
  lines.push("");
  lines.push(
    `minutes: ${ran.length} ran${skippedMinutes ? `, ${skippedMinutes} already ran (skipped)` : ""}`,
  );
  if (live.length) {
    const median = [...live.map((r) => r.lateness.p50 ?? 0)].sort((a, b) => a - b)[
      Math.floor(live.length / 2)
    ];
    lines.push(
      `lateness: p50 ${median} ms (median minute), p99 ${worst((r) => r.lateness.p99)} ms and max ${worst((r) => r.lateness.max)} ms (worst minute)`,
    );
    lines.push(`overrun past the minute's end: worst ${worst((r) => r.overrunMs)} ms`);
  }
  const errors = ran.flatMap((r) => r.errors).slice(0, 5);
  if (errors.length) lines.push(`first errors:\n  ${errors.join("\n  ")}`);
  return lines.join("\n");
}
