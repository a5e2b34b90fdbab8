// Every test file but the timed one runs at a lower CPU priority (nice 10), and so does what it
// starts (servers, tsc, Chromium, schemathesis inherit it). The landed-time test
// (test/integration/local/landed.test.ts, project `integration-timed`) judges lateness to the
// millisecond on two cores shared with the rest of the suite: at equal priority it measured the
// other files' CPU (p99 ~1 s), not the generator's. Its `pnpm start` and the shared services
// (started by `pnpm services up`, before vitest) keep the normal priority they have when users run
// them. On Linux a nice value belongs to a thread: this lowers the worker thread or fork that runs
// the file, and the processes and threads it starts from then on.
import { setPriority } from "node:os";

try {
  setPriority(10);
} catch {
  // A platform without priorities runs the file as it is.
}
