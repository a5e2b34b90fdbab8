import { text } from "@gg/core/fields";
import { z } from "zod";

/** The five things the generator does, in the original's order. */
export const EventKinds = ["view", "comment", "upload", "user", "flag"] as const;
export type EventKind = (typeof EventKinds)[number];

/** Probabilities by kind, summing to 1. */
export type Mix = Readonly<Record<EventKind, number>>;

/** The named mixes: the original's uniform 20% each, and a feed-like `realistic` one. */
export const MIX_PRESETS = {
  uniform: { view: 0.2, comment: 0.2, upload: 0.2, user: 0.2, flag: 0.2 },
  realistic: { view: 0.68, comment: 0.2, upload: 0.07, user: 0.03, flag: 0.02 },
} as const satisfies Record<string, Mix>;
export type MixPreset = keyof typeof MIX_PRESETS;

const Weights = z.partialRecord(z.enum(EventKinds), z.number().nonnegative());

/**
 * A mix as configured: a preset name, relative weights by kind (missing kinds weigh 0), or the
 * same as a string `view=68,comment=20,upload=7,user=3,flag=2` (env-friendly). Parsed to
 * probabilities.
 */
export const MixConfig = z
  .union([z.enum(["uniform", "realistic"]), Weights, text({ max: 200 })])
  .transform((value, ctx): Mix => {
    if (value === "uniform" || value === "realistic") return MIX_PRESETS[value];
    const weights = typeof value === "string" ? parseWeights(value) : value;
    const total = weights ? EventKinds.reduce((s, k) => s + (weights[k] ?? 0), 0) : 0;
    if (!weights || !(total > 0)) {
      ctx.addIssue({
        code: "custom",
        message: `bad event mix ${JSON.stringify(value)}: use "uniform", "realistic" or weights like view=68,comment=20,upload=7,user=3,flag=2 with a positive sum`,
      });
      return z.NEVER;
    }
    return Object.fromEntries(EventKinds.map((k) => [k, (weights[k] ?? 0) / total])) as Mix;
  });
export type MixConfig = z.input<typeof MixConfig>;

function parseWeights(text: string): Partial<Record<EventKind, number>> | null {
  const out: Partial<Record<EventKind, number>> = {};
  for (const part of text.split(",")) {
    const [key, raw] = part.split(/[=:]/).map((s) => s.trim());
    const n = Number(raw);
    if (!EventKinds.includes(key as EventKind) || raw === "" || !(n >= 0)) return null;
    out[key as EventKind] = n;
  }
  return out;
}
