import type { Runtime } from "@gg/api";
import type { LocalConfig } from "./config";

/** The generator's minute loop (wired once the runner lands). */
export async function startGenerator(_config: LocalConfig, _runtime: Runtime, _apiUrl: string) {
  return { stop: async () => {} };
}
