import { peakRate, rateScheduleInputOf } from "../../rates/index";
import type { StreamRequest } from "../../streams/request";
import {
  checkCeiling,
  located,
  ratePath,
  refuseUnknownKeys,
  type ScenarioDefinition,
} from "../definition";
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

/** GourmetGram: minutes planned from the database's state and fired at the API over HTTP. */
export const gourmetgramDefinition: ScenarioDefinition<"gourmetgram"> = {
  name: "gourmetgram",
  settings: PlannerSettings,
  settingsTitle: "PlannerSettings",
  ownKeys: ["mix", "mode", "viral"],
  ceiling: {
    variable: "GENERATOR_MAX_RATE",
    // About what one generator process fires on time as HTTP requests (see README, Shards).
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
};
