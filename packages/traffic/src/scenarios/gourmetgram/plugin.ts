import type { Queryable } from "@gg/core/sql";
import type { RateCeilings } from "../index";
import { bootstrap } from "./bootstrap";
import { bundledFood11Root, food11Index, type ImageIndex } from "./images/index";
import { gourmetgramScenario } from "./scenario";
import { type ApiTarget, httpTarget } from "./target";
import { warmUp } from "./warm-up";

/** What GourmetGram's plug-in needs of the generator's settings. */
export interface GourmetGramPluginSettings {
  apiUrl: string;
  apiKey: string | undefined;
  /** Unset: the bundled Food-11 sample. */
  datasetPath: string | undefined;
  concurrency: number;
  requestTimeoutMs: number;
  testAccountRate: number;
  initialUsers: number;
  initialImages: number;
  rateCeilings: RateCeilings;
  /** Seeds the initial users' and images' keys. */
  seed: string | number;
}

/**
 * GourmetGram wired for one generator process: the API target (HTTP by default), the dataset
 * indexed once (lazily), the warm-up of its firing path and the initial users and images.
 */
export function gourmetgramPlugin(settings: GourmetGramPluginSettings, target?: ApiTarget) {
  const api =
    target ??
    httpTarget(settings.apiUrl, settings.apiKey, {
      connections: settings.concurrency,
      timeoutMs: settings.requestTimeoutMs,
    });
  let dataset: Promise<ImageIndex | null> | undefined;
  const loadDataset = () => {
    dataset ??= food11Index(settings.datasetPath ?? bundledFood11Root()).catch((e: unknown) => {
      // Traffic goes on without uploads (recorded as skipped `no-dataset`), and says why.
      console.error(
        JSON.stringify({ level: "error", message: "generator dataset", error: String(e) }),
      );
      dataset = undefined;
      return null;
    });
    return dataset;
  };
  const scenario = gourmetgramScenario({
    target: api,
    dataset: loadDataset,
    concurrency: settings.concurrency,
    defaults: { testAccountRate: settings.testAccountRate },
    maxRate: settings.rateCeilings.gourmetgram,
  });
  return {
    scenario,
    warmUp: async () => warmUp(await loadDataset(), settings.concurrency),
    /** Tops the database up to GENERATOR_INITIAL_USERS / _IMAGES through the API. */
    bootstrap: async (db: Queryable) =>
      bootstrap({
        db,
        target: api,
        dataset: await loadDataset(),
        seed: settings.seed,
        users: settings.initialUsers,
        images: settings.initialImages,
        testAccountRate: settings.testAccountRate,
      }),
    /** Closes the HTTP target it made (one passed in is its owner's to close). */
    close: async () => {
      if (!target) await api.close();
    },
  };
}
