import { invalidInput } from "@gg/core/errors";
import { MAX_REPLAY_MINUTES } from "./replay";

const MINUTE_MS = 60_000;

/** One recorded minute: its start and how many events it had. */
export interface ShapeRow {
  minute: Date;
  count: number;
}

/**
 * A `minute,count` CSV (a header line is optional; `#` lines are comments) as the counts of
 * consecutive minutes from its first: minutes the file skips count 0, so a recording with gaps
 * keeps its timing. Throws INVALID_INPUT naming the line.
 */
export function parseShapeCsv(text: string): { start: Date; counts: number[] } {
  const rows: ShapeRow[] = [];
  for (const [i, raw] of text.split(/\r?\n/).entries()) {
    const line = raw.trim();
    if (line === "" || line.startsWith("#") || (rows.length === 0 && /^minute\s*,/i.test(line))) {
      continue;
    }
    const [minute, count, extra] = line.split(",").map((x) => x.trim());
    const at = Date.parse(minute ?? "");
    const n = Number(count);
    if (extra !== undefined || Number.isNaN(at) || !(n >= 0) || count === "") {
      throw invalidInput(
        `shape line ${i + 1}: expected minute,count (an ISO time, a count >= 0): ${line.slice(0, 80)}`,
      );
    }
    rows.push({ minute: new Date(Math.floor(at / MINUTE_MS) * MINUTE_MS), count: n });
  }
  if (rows.length === 0) throw invalidInput("the shape has no minute: a replay needs at least one");
  rows.sort((a, b) => a.minute.getTime() - b.minute.getTime());
  const start = rows[0]!.minute;
  const span = (rows[rows.length - 1]!.minute.getTime() - start.getTime()) / MINUTE_MS + 1;
  if (span > MAX_REPLAY_MINUTES) {
    throw invalidInput(
      `the shape spans ${span} minutes; a replay holds at most ${MAX_REPLAY_MINUTES}`,
    );
  }
  const counts = new Array<number>(span).fill(0);
  for (const r of rows) counts[(r.minute.getTime() - start.getTime()) / MINUTE_MS]! += r.count;
  return { start, counts };
}

/** Rows as a `minute,count` CSV with its header, one line per minute. */
export function shapeCsv(rows: readonly ShapeRow[]): string {
  return `minute,count\n${rows.map((r) => `${r.minute.toISOString()},${r.count}`).join("\n")}\n`;
}
