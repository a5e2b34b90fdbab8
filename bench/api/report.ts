// The bench's printed tables.
import type { DbAloneResult } from "./db-alone";
import type { LoadResult } from "./load";
import type { EventCheck, ViewCount } from "./verify";

export interface Row {
  scenario: string;
  connections: number;
  result: LoadResult;
  /** Outbox rows not yet published when the load stopped: whether the relay kept up. */
  pendingAtStop: number;
  /** CPU ms per request: the server process's, and its Postgres backends'. */
  cpu: { api: number; pg: number };
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
    [
      "scenario",
      "conns",
      "req/s",
      "p50 ms",
      "p99 ms",
      "max ms",
      "2xx",
      "non-2xx",
      "pending",
      "server cpu ms/req",
      "pg cpu ms/req",
    ],
    rows.map(({ scenario, connections, result: r, pendingAtStop, cpu }) => [
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
      fixed(cpu.api, 3),
      fixed(cpu.pg, 3),
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

const API_LABEL: Record<DbAloneResult["kind"], string> = { comments: "comments", users: "users" };
const apiRow = (rows: Row[], a: Pick<DbAloneResult, "kind" | "connections">) =>
  rows.find((r) => r.scenario === API_LABEL[a.kind] && r.connections === a.connections);

/** The database alone against the API, per kind and concurrency: the ratio the issue floors. */
export function dbAloneTable(rows: Row[], alone: DbAloneResult[]): string[] {
  return table(
    [
      "writes",
      "conns",
      "db alone/s",
      "db p99 ms",
      "client cpu ms",
      "pg cpu ms",
      "api/s",
      "api p99 ms",
      "api/db",
    ],
    alone.map((a) => {
      const api = apiRow(rows, a)?.result;
      return [
        a.kind,
        String(a.connections),
        fixed(a.rate, 0),
        fixed(a.p99Ms, 1),
        fixed(a.cpu.client, 3),
        fixed(a.cpu.pg, 3),
        api ? fixed(api.rate, 0) : "-",
        api ? fixed(api.p99Ms, 1) : "-",
        api ? `${fixed(api.rate / a.rate, 2)}x` : "-",
      ];
    }),
  );
}

/**
 * `api: comments <N>/s (<r>x db), users <M>/s (<s>x db), p99 <X> ms (16 connections)`: X is the
 * higher p99 of the two. Undefined unless both were measured at that concurrency.
 */
export function summaryLine(
  rows: Row[],
  alone: DbAloneResult[],
  connections: number,
): string | undefined {
  const pair = (kind: DbAloneResult["kind"]) => {
    const db = alone.find((a) => a.kind === kind && a.connections === connections);
    const api = apiRow(rows, { kind, connections })?.result;
    return db && api ? { api, ratio: api.rate / db.rate } : undefined;
  };
  const comments = pair("comments");
  const users = pair("users");
  if (!comments || !users) return undefined;
  const p99 = Math.max(comments.api.p99Ms, users.api.p99Ms);
  return `api: comments ${fixed(comments.api.rate, 0)}/s (${fixed(comments.ratio, 2)}x db), users ${fixed(users.api.rate, 0)}/s (${fixed(users.ratio, 2)}x db), p99 ${fixed(p99, 1)} ms (${connections} connections)`;
}
