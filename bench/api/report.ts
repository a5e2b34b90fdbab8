// The bench's printed tables.
import type { LoadResult } from "./load";
import type { EventCheck, ViewCount } from "./verify";

export interface Row {
  scenario: string;
  connections: number;
  result: LoadResult;
  /** Outbox rows not yet published when the load stopped: whether the relay kept up. */
  pendingAtStop: number;
}

/** Left-aligned first column, right-aligned numbers, one header rule. */
export function table(header: string[], rows: string[][]): string[] {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(header), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)];
}

const fixed = (n: number, digits: number) => (Number.isFinite(n) ? n.toFixed(digits) : "-");

/** Throughput and latency per scenario and connection count. */
export function loadTable(rows: Row[]): string[] {
  return table(
    ["scenario", "conns", "req/s", "p50 ms", "p99 ms", "max ms", "2xx", "non-2xx", "pending"],
    rows.map(({ scenario, connections, result: r, pendingAtStop }) => [
      scenario,
      String(connections),
      fixed(r.rate, 0),
      fixed(r.p50Ms, 1),
      fixed(r.p99Ms, 1),
      fixed(r.maxMs, 0),
      String(r.ok),
      Object.entries(r.failures)
        .map(([status, n]) => `${n}×${status}`)
        .join(" ") || "0",
      String(pendingAtStop),
    ]),
  );
}

/** Events per topic: answered 2xx, written to the outbox, present in Kafka. */
export function eventTable(check: EventCheck): string[] {
  return table(
    ["topic", "2xx", "outbox", "kafka", "match"],
    check.topics.map((t) => [
      t.topic,
      String(t.expected),
      String(t.outbox),
      String(t.kafka),
      t.outbox === t.expected && t.kafka === t.expected ? "yes" : "NO",
    ]),
  );
}

/** View counts in the rows against 2xx answers. */
export function viewTable(counts: ViewCount[]): string[] {
  return table(
    ["views of", "2xx", "images.views", "match"],
    counts.map((v) => [
      v.what,
      String(v.expected),
      String(v.counted),
      v.expected === v.counted ? "yes" : "NO",
    ]),
  );
}
