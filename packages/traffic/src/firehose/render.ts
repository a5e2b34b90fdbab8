import type { FirehoseProgress, FirehoseResult } from "./report";

const int = new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 });
const one = new Intl.NumberFormat("en-US", { minimumFractionDigits: 1, maximumFractionDigits: 1 });

/** One status line: a bar when the run is bounded, then counts, live rate, MB/s and errors. */
export function progressLine(p: FirehoseProgress, barWidth = 24): string {
  const secs = p.elapsedMs / 1_000;
  const mbps = secs > 0 ? p.bytes / 1e6 / secs : 0;
  const parts = [
    `${int.format(p.events)} ev`,
    `${int.format(p.ratePerSec)} ev/s`,
    `${one.format(mbps)} MB/s`,
    `${int.format(p.errors)} err`,
    `${one.format(secs)} s`,
  ];
  if (p.fraction === undefined) return parts.join("  ");
  const filled = Math.round(p.fraction * barWidth);
  const bar = `[${"#".repeat(filled)}${".".repeat(barWidth - filled)}]`;
  return `${bar} ${String(Math.floor(p.fraction * 100)).padStart(3)}%  ${parts.join("  ")}`;
}

/** The process's resident memory over a run, in bytes (worker lanes included: one process). */
export interface MemoryReport {
  /** Before the lanes start. */
  startRss: number;
  /** 10 s into sending: lanes built, heaps grown to their working size. Flat means end ≈ this. */
  warmRss: number;
  endRss: number;
  peakRss: number;
}

/** Records RSS samples taken along a run into `m`. */
export function sampleMemory(m: MemoryReport, elapsedMs: number, rss: number): void {
  m.peakRss = Math.max(m.peakRss, rss);
  if (m.warmRss === 0 && elapsedMs >= 10_000) m.warmRss = rss;
}

/** The end-of-run summary as an aligned two-column table. */
export function summaryTable(r: FirehoseResult, memory?: MemoryReport): string {
  const mb = (b: number) => `${one.format(b / 1e6)} MB`;
  const rows: [string, string][] = [
    ["scenario", `${r.scenario} (seed ${r.seed}, ${r.lanes} lane${r.lanes === 1 ? "" : "s"})`],
    ["stopped by", r.stoppedBy],
    ["events acked", int.format(r.events)],
    ["bytes acked", `${mb(r.bytes)} (mean record ${int.format(r.meanRecordBytes)} B)`],
    ["elapsed", `${one.format(r.elapsedMs / 1_000)} s`],
    ["acked events/s", int.format(r.eventsPerSec)],
    ["MB/s", one.format(r.mbPerSec)],
    ["errors", int.format(r.errors)],
    ...Object.entries(r.perTopic).map(([t, n]): [string, string] => [`  ${t}`, int.format(n)]),
  ];
  if (memory) {
    const { startRss, warmRss, endRss, peakRss } = memory;
    rows.push(["RSS start / at 10 s / end", `${mb(startRss)} / ${mb(warmRss)} / ${mb(endRss)}`]);
    rows.push(["RSS peak", mb(peakRss)]);
  }
  const w = Math.max(...rows.map(([k]) => k.length));
  return rows.map(([k, v]) => `${k.padEnd(w)}  ${v}`).join("\n");
}
