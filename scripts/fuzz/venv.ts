// Schemathesis in a Python venv kept in the services cache, outside the repo: installed once per
// machine (and again only when the pinned requirements change), shared by every clone.
import { fileURLToPath } from "node:url";
import { ensureVenv } from "@gg/services";

export interface Venv {
  /** The `schemathesis` executable inside the venv. */
  bin: string;
  /** Whether this call had to install it. */
  installed: boolean;
}

/** Make sure `<cacheDir>/schemathesis-venv` holds exactly the pinned requirements. */
export async function ensureSchemathesis(
  cacheDir: string,
  log: (line: string) => void,
): Promise<Venv> {
  const requirements = fileURLToPath(new URL("./requirements.txt", import.meta.url));
  const venv = await ensureVenv({ cacheDir, name: "schemathesis-venv", requirements, log });
  return { bin: venv.bin("schemathesis"), installed: venv.installed };
}
