// Test files run at the lowest CPU priority (nice 19), but for the timed one and the few that
// vitest.config.ts keeps at normal priority, and so does what each starts (servers, tsc,
// Chromium, schemathesis inherit it). The landed-time test
// (test/integration/local/landed.test.ts, project `integration-timed`) judges lateness to the
// millisecond on two cores shared with the rest of the suite: at equal priority it measured the
// other files' CPU (p99 ~1 s), not the generator's; at nice 10 a minute still reached p99 19.2 ms against 20. Its `pnpm start` and the shared services
// (started by `pnpm services up`, before vitest) keep the normal priority they have when users run
// them. On Linux a nice value belongs to a thread: this lowers the worker thread or fork that runs
// the file, and the processes and threads it starts from then on.
import { setPriority } from "node:os";

try {
  setPriority(19);
} catch {
  // A platform without priorities runs the file as it is.
}
