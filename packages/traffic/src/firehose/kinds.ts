import {
  CLICKSTREAM_KINDS,
  type ClickstreamKind,
  clickstreamTopicNames,
  GOURMETGRAM_KINDS,
  GOURMETGRAM_TOPICS,
  type GourmetGramKind,
} from "@gg/core/kafka";

export { CLICKSTREAM_KINDS, type ClickstreamKind, GOURMETGRAM_KINDS, type GourmetGramKind };

/** Default topic per kind: the registry's names (`users`, ..., `gourmetgram.uploads`, ...). */
export const CLICKSTREAM_TOPIC_NAMES = clickstreamTopicNames();
export const GOURMETGRAM_TOPIC_NAMES = Object.fromEntries(
  GOURMETGRAM_KINDS.map((k) => [k, GOURMETGRAM_TOPICS[k].name]),
) as Record<GourmetGramKind, string>;
