// The short files that run beside the landed-time test (test/integration/local/landed.test.ts,
// project `integration-timed`; vitest.config.ts's group 0) run at the lowest CPU priority (nice
// 19), and so does what each starts (servers, tsc inherit it): that test judges lateness to the
// millisecond on two cores shared with them, and at equal priority it measured their CPU, not the
// generator's. Its `pnpm start` and the shared services (started by `pnpm services up`, before
// vitest) keep the priority they have when users run them. On Linux a nice value belongs to a
// thread: this lowers the worker thread or fork that runs the file, and the processes and threads
// it starts from then on.
import { setPriority } from "node:os";

try {
  setPriority(19);
} catch {
  // A platform without priorities runs the file as it is.
}
