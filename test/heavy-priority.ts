// The files of group 1 (`integration-heavy`) run a little below normal priority (nice 5), and so
// does what each starts; the deployed topology test (`integration-deployed`) keeps normal
// priority beside them. Its LocalStack Lambdas and deployment then take the CPU they need when
// they need it, and it finishes near its time on a quiet machine instead of last, waiting on
// LocalStack's scheduler while nothing else runs. Nice 5, not 19: at nice 19 beside the services
// a loaded file starved (vitest.config.ts).
import { setPriority } from "node:os";

try {
  setPriority(5);
} catch {
  // A platform without priorities runs the file as it is.
}
