import { text } from "@gg/core/fields";
import { z } from "zod";
import { RateSchedule } from "../../../rates/index";
import { MixConfig, SegmentsConfig, SessionConfig } from "../behaviour/index";

/** Viral mode (`GENERATOR_MODE=simulate_viral`): a fixed burst on one image every minute. */
export const ViralConfig = z.object({
  /** The image to push; without one, a known image is drawn by popularity each minute. */
  targetImageId: text({ max: 64 }).optional(),
  views: z.number().int().nonnegative().default(110),
  comments: z.number().int().nonnegative().default(8),
  flags: z.number().int().nonnegative().default(2),
  /** Also plan the ordinary Poisson traffic beside the burst (the original did not). */
  background: z.boolean().default(false),
});
export type ViralConfig = z.infer<typeof ViralConfig>;

/** Everything that shapes a plan; the config module parses it from env/JSON. */
export const PlannerConfig = z.object({
  mode: z.enum(["poisson", "simulate_viral"]).default("poisson"),
  rate: RateSchedule.prefault({}),
  mix: MixConfig.prefault("uniform"),
  segments: SegmentsConfig.prefault({}),
  sessions: SessionConfig.prefault({}),
  /** `GENERATOR_TEST_ACCOUNT_RATE`. */
  testAccountRate: z.number().min(0).max(1).default(0.02),
  viral: ViralConfig.prefault({}),
});
export type PlannerConfig = z.infer<typeof PlannerConfig>;
export type PlannerConfigInput = z.input<typeof PlannerConfig>;
