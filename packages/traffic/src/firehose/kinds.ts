import { Comments, Flags, Uploads, Views } from "@gg/core/kafka";
import { CLICKSTREAM_TOPICS, type ClickstreamTopic } from "../scenarios/clickstream/model/schemas";

// The kinds and default topics of both sources, apart from the sources themselves: the options
// schema and the main thread need these names, not the generators (Faker, worlds) behind them.

export { CLICKSTREAM_TOPICS as CLICKSTREAM_KINDS, type ClickstreamTopic as ClickstreamKind };

/** Default topic per kind: the spec's names (`users`, `products`, `interactions`, `sessions`). */
export const CLICKSTREAM_TOPIC_NAMES = Object.fromEntries(
  CLICKSTREAM_TOPICS.map((k) => [k, k]),
) as Record<ClickstreamTopic, string>;

/** The GourmetGram event kinds, in the order of `mix` weights. */
export const GOURMETGRAM_KINDS = ["uploads", "views", "comments", "flags"] as const;
export type GourmetGramKind = (typeof GOURMETGRAM_KINDS)[number];

/** Default topic per kind: the contract's names, from the core registry. */
export const GOURMETGRAM_TOPIC_NAMES: Record<GourmetGramKind, string> = {
  uploads: Uploads.name,
  views: Views.name,
  comments: Comments.name,
  flags: Flags.name,
};
