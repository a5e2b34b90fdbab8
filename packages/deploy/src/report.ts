/** One line of the preflight: a check that passed, or failed with the fix. */
export interface CheckResult {
  ok: boolean;
  /** What was checked, e.g. "Lambda concurrency". */
  name: string;
  /** What was found. */
  detail: string;
  /** What to do about a failure (a command, a setting, a README section). */
  fix?: string;
}

export const pass = (name: string, detail: string): CheckResult => ({ ok: true, name, detail });
export const fail = (name: string, detail: string, fix: string): CheckResult => ({
  ok: false,
  name,
  detail,
  fix,
});

/** `✓ name: detail` or `✗ name: detail. Fix: …`, always one line. */
export function formatLine(r: CheckResult): string {
  const line = `${r.ok ? "✓" : "✗"} ${r.name}: ${r.detail}`;
  return (r.ok || !r.fix ? line : `${line}. Fix: ${r.fix}`).replace(/\s*\n\s*/g, " ");
}

/** The README section `deploy:check` points to for Kafka. */
export const KAFKA_README = 'README.md, "Kafka for a deployed stage"';
