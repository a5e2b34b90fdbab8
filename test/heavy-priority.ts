// The files that load the machine (`integration-heavy`, group 1) and the deployed topology test
// (`integration-deployed`, beside the landed-time test in group 0) run a little below normal
// priority (nice 5), and so does what each starts: below the landed-time test's `pnpm start`, above
// the short files at nice 19. Nice 5, not 19: at nice 19 beside the services a loaded file starved
// (vitest.config.ts).
import { setPriority } from "node:os";

try {
  setPriority(5);
} catch {
  // A platform without priorities runs the file as it is.
}
