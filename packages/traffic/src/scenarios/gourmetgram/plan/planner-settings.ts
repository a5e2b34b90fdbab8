import { jsonSchemaOf, notAllZero } from "@gg/core/fields";
import { SEGMENTS } from "@gg/core/kafka";
import { z } from "zod";
import { ActorKinds, DEFAULT_SEGMENTS } from "../behaviour/index";
import type { PlannerConfigInput } from "./planner-config";

const Weight = z.number().nonnegative().max(1_000_000);

const SegmentSettings = z.strictObject({
  /** Relative share of users (normalised over the four segments). */
  share: Weight.optional(),
  /** Actions per user per unit time, relative to the other segments. */
  activity: Weight.optional(),
  /** Per-kind multipliers; a kind left out keeps the segment's default. */
  affinity: z
    .strictObject(
      Object.fromEntries(ActorKinds.map((k) => [k, Weight.optional()])) as {
        [K in (typeof ActorKinds)[number]]: z.ZodOptional<typeof Weight>;
      },
    )
    .optional(),
});

const SettingsShape = z.strictObject({
  segments: z
    .strictObject(
      Object.fromEntries(SEGMENTS.map((s) => [s, SegmentSettings.optional()])) as {
        [K in (typeof SEGMENTS)[number]]: z.ZodOptional<typeof SegmentSettings>;
      },
    )
    .optional(),
  sessions: z
    .strictObject({
      /** Chance that a segment's next action continues its open session (mean length 1/(1-p)). */
      continueProbability: z.number().min(0).max(0.99).optional(),
      /** Chance that a comment or flag targets the image the session last looked at. */
      revisitProbability: z.number().min(0).max(1).optional(),
    })
    .optional(),
  /** Share of new users that are test accounts (default GENERATOR_TEST_ACCOUNT_RATE, 0.02). */
  testAccountRate: z.number().min(0).max(1).optional(),
});

// Every default share is positive: "all 0" is every segment given with share 0, which a schema says.
const SETTINGS_JSON_SCHEMA = {
  ...jsonSchemaOf(SettingsShape),
  allOf: [notAllZero(["segments"], SEGMENTS.map(String), "share")],
};

/**
 * The planner's own settings: a GourmetGram stream's `settings` key, beyond `rate`, `profile`,
 * `mix`, `mode` and `viral` (which `/stream/start` takes at the top level): user segments, session
 * behaviour and the test-account rate. Every key is optional and replaces only what it names;
 * unknown keys are refused. The scenario's `GourmetGramStreamConfig` reads it into the PlannerConfig.
 */
export const PlannerSettings = SettingsShape.superRefine((s, ctx) => {
  const segments = plannerSettingsOf(s).segments;
  if (segments && SEGMENTS.every((g) => segments[g]?.share === 0)) {
    ctx.addIssue({ code: "custom", message: "segment shares are all 0", path: ["segments"] });
  }
}).meta(SETTINGS_JSON_SCHEMA);
export type PlannerSettings = z.infer<typeof PlannerSettings>;

/** The PlannerConfig input the settings make (segments whole, merged over the defaults). */
export function plannerSettingsOf(
  s: PlannerSettings,
): Pick<PlannerConfigInput, "segments" | "sessions" | "testAccountRate"> {
  const segments = s.segments
    ? Object.fromEntries(
        SEGMENTS.map((g) => {
          const own = s.segments?.[g] ?? {};
          const d = DEFAULT_SEGMENTS[g];
          return [
            g,
            {
              share: own.share ?? d.share,
              activity: own.activity ?? d.activity,
              affinity: Object.fromEntries(
                ActorKinds.map((k) => [k, own.affinity?.[k] ?? d.affinity[k]]),
              ) as (typeof d)["affinity"],
            },
          ];
        }),
      )
    : undefined;
  return {
    ...(segments ? { segments } : {}),
    ...(s.sessions ? { sessions: s.sessions } : {}),
    ...(s.testAccountRate === undefined ? {} : { testAccountRate: s.testAccountRate }),
  };
}
