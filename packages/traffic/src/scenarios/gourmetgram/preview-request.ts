import { invalidInput } from "@gg/core/errors";
import type { Queryable } from "@gg/core/sql";
import { seedOf } from "../../minute/index";
import * as Streams from "../../streams/index";
import type { RateCeilings } from "../index";
import type { ImageIndex } from "./images/index";
import { type MinutePreview, previewMinute } from "./preview";
import type { PlannerDefaults } from "./stream-config";

/** A preview as POST /stream/plan answers it: whose minute, which configuration, and the plan. */
export interface StreamPlan extends MinutePreview {
  stream_id: string | null;
  scenario: string;
  /** The stored stream's configuration version in force for the minute; null for a start body. */
  config_version: number | null;
  /** Whether uploads were planned against the dataset (without one they are skipped). */
  dataset: boolean;
}

/** The seed a start body without one is previewed with (a stream without one uses its id). */
export const PREVIEW_SEED = "preview";

/**
 * Previews the minute a plan request names: a stored stream's (the version in force then, its
 * remaining budget) or a start body's (checked as a start, seeded by its `seed`, else
 * `PREVIEW_SEED`). GourmetGram only: a clickstream minute's records are drawn as it fires.
 */
export async function previewRequest(
  db: Queryable,
  req: Streams.PlanRequest,
  deps: { ceilings: RateCeilings; dataset: ImageIndex | null; defaults?: PlannerDefaults },
): Promise<StreamPlan> {
  let streamId: string | null = null;
  let config: Readonly<Record<string, unknown>>;
  let seed: string | number;
  let version: number | null = null;
  let budget: number | undefined;
  let scenario: string;
  if (req.stream_id) {
    const stored = await Streams.get(db, req.stream_id);
    const [stream] = await Streams.inForce(db, [stored], req.minute);
    if (!stream) throw new Error(`stream ${req.stream_id} vanished`);
    streamId = stream.stream_id;
    config = stream.config;
    seed = seedOf(stream);
    version = stream.configVersion.version;
    budget = await Streams.remainingBudget(db, stored, req.minute);
    scenario = stored.scenario;
  } else {
    const start = req.start as Streams.StartStream;
    Streams.validateStart(start, deps.ceilings);
    // A replay without its start begins at the previewed minute.
    config = Streams.anchorReplay(start, req.minute);
    seed = start.seed ?? PREVIEW_SEED;
    scenario = start.scenario;
  }
  if (scenario !== "gourmetgram") {
    throw invalidInput(
      "a preview plans GourmetGram minutes; clickstream records are drawn as they fire",
      {
        loc: ["body", req.stream_id ? "stream_id" : "scenario"],
      },
    );
  }
  const preview = await previewMinute({
    db,
    streamId: streamId ?? "preview",
    config,
    seed,
    minute: req.minute,
    limit: req.limit,
    dataset: deps.dataset,
    defaults: deps.defaults,
    budget,
  });
  return {
    stream_id: streamId,
    scenario,
    config_version: version,
    dataset: deps.dataset !== null && deps.dataset.entries.length > 0,
    ...preview,
  };
}
