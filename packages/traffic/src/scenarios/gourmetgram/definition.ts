import { jsonSchemaOf, text } from "@gg/core/fields";
import {
  GOURMETGRAM_KINDS,
  type GourmetGramKind,
  gourmetgramTopicNames,
  TopicName,
} from "@gg/core/kafka";
import { z } from "zod";
import { peakRate, rateScheduleInputOf } from "../../rates/index";
import type { StreamRequest } from "../../streams/request";
import {
  checkCeiling,
  located,
  ratePath,
  refuseUnknownKeys,
  type ScenarioDefinition,
} from "../definition";
import { EventKinds } from "./behaviour/index";
import type { GourmetGramSourceOptions } from "./firehose-source";
// The planner's schemas, not its face: the definition is read where the planner is not loaded
// (the control Lambda, the firehose's main thread), and plan/index brings Faker along.
import { PlannerConfig, ViralConfig } from "./plan/planner-config";
import { PlannerSettings } from "./plan/planner-settings";

/** The planner's reading of a request's rate, profile, mix, mode and viral. */
const plannerOf = (input: StreamRequest) =>
  PlannerConfig.safeParse({
    mode: input.mode,
    mix: input.mix,
    viral: input.viral,
    rate: rateScheduleInputOf(input),
  });

// `viral` is a record and `mix` text or a record to the request's schema; `check` reads them as
// the planner does: a ViralConfig (unknown keys refused), and a mix's weights (missing kinds weigh
// 0) with a positive sum, some kind above 0. A mix string's weights stay unsaid (a 422 names them).
const DOCUMENT = {
  viral: { ...jsonSchemaOf(ViralConfig), additionalProperties: false },
  mix: {
    anyOf: [
      jsonSchemaOf(text({ max: 200 })),
      {
        type: "object",
        properties: Object.fromEntries(EventKinds.map((k) => [k, { type: "number", minimum: 0 }])),
        additionalProperties: false,
        anyOf: EventKinds.map((k) => ({
          required: [k],
          properties: { [k]: { exclusiveMinimum: 0 } },
        })),
      },
    ],
  },
};

const Kind = z.enum(GOURMETGRAM_KINDS);

/** What a GourmetGram firehose run takes beside the common options. */
const firehoseOptions = {
  /** Topic per kind (default: the contract's `gourmetgram.*`). */
  topics: z.partialRecord(Kind, TopicName).default({}),
  /** Relative weights per kind (default even, as the original generator's event types). */
  mix: z
    .partialRecord(Kind, z.number().nonnegative())
    .refine((m) => Object.values(m).some((w) => (w ?? 0) > 0), "mix needs a positive weight")
    .optional(),
};

/** GourmetGram: minutes planned from the database's state and fired at the API over HTTP. */
export const gourmetgramDefinition = {
  name: "gourmetgram",
  settings: PlannerSettings,
  settingsTitle: "PlannerSettings",
  ownKeys: ["mix", "mode", "viral"],
  impliedBy: [],
  document: DOCUMENT,
  ceiling: {
    variable: "GENERATOR_MAX_RATE",
    // About what one generator process fires on time as HTTP requests (README: Shards).
    perSecond: 2_000,
    source: "GENERATOR_MAX_RATE; deployed, the stage's capacity in infra/stage.ts",
  },
  check(input, ceiling) {
    refuseUnknownKeys(input.viral ?? {}, Object.keys(ViralConfig.shape), ["viral"], "viral");
    const planner = plannerOf(input);
    located(planner, (path) => (path[0] === "rate" ? ratePath(path.slice(1)) : path));
    if (!planner.success) return;
    const { mode, viral, rate } = planner.data;
    // Viral mode fires its burst every minute, beside the Poisson traffic only when asked to.
    const viralPerSecond =
      mode === "simulate_viral" ? (viral.views + viral.comments + viral.flags) / 60 : 0;
    const background = mode === "poisson" || viral.background;
    checkCeiling(gourmetgramDefinition, background ? rate : null, viralPerSecond, ceiling);
  },
  peakRate(input) {
    const planner = plannerOf(input);
    if (!planner.success) return 0;
    const { mode, viral, rate } = planner.data;
    if (mode === "poisson") return peakRate(rate);
    return (
      (viral.background ? peakRate(rate) : 0) + (viral.views + viral.comments + viral.flags) / 60
    );
  },
  firehose: {
    options: firehoseOptions,
    lanes(options, run) {
      const topicNames = { ...gourmetgramTopicNames(), ...options.topics };
      const mix = Object.fromEntries(
        GOURMETGRAM_KINDS.map((k) => [k, options.mix ? (options.mix[k] ?? 0) : 1]),
      ) as Record<GourmetGramKind, number>;
      const sources = Array.from(
        { length: run.lanes },
        (_, label): GourmetGramSourceOptions => ({ seed: run.seed, label, topicNames, mix }),
      );
      // Every kind's topic: the first event of a lane is an upload whatever the mix.
      return { sources, topics: [...new Set(Object.values(topicNames))] };
    },
    module: new URL("./firehose-source.ts", import.meta.url).href,
    // The source keeps fixed rings of ids and texts, whatever the run's length.
    heapMb: () => 10,
  },
} satisfies ScenarioDefinition<"gourmetgram", typeof firehoseOptions>;
