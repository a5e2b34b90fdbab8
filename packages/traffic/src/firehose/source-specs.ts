import { CLICKSTREAM_TOPIC_NAMES, GOURMETGRAM_KINDS, GOURMETGRAM_TOPIC_NAMES } from "./kinds";
import type { SourceSpec } from "./lane-spec";
import type { FirehoseOptions } from "./options";

/** One source spec per lane (label = lane index) and the topics they write. */
export function sourceSpecs(
  options: FirehoseOptions,
  seed: string | number,
  startMs: number,
  lanes: number,
): { spec: SourceSpec; topics: string[] }[] {
  const labels = Array.from({ length: lanes }, (_, i) => i);
  if (options.scenario === "clickstream") {
    const topicNames = { ...CLICKSTREAM_TOPIC_NAMES, ...options.topics };
    const kinds = options.kinds ?? (Object.keys(CLICKSTREAM_TOPIC_NAMES) as SourceKinds);
    return labels.map((label) => ({
      spec: {
        scenario: "clickstream",
        seed,
        label,
        topicNames,
        kinds,
        startMs,
        settings: options.settings,
      },
      topics: [...new Set(kinds.map((k) => topicNames[k]))],
    }));
  }
  const topicNames = { ...GOURMETGRAM_TOPIC_NAMES, ...options.topics };
  const mix = Object.fromEntries(
    GOURMETGRAM_KINDS.map((k) => [k, options.mix ? (options.mix[k] ?? 0) : 1]),
  ) as Record<(typeof GOURMETGRAM_KINDS)[number], number>;
  return labels.map((label) => ({
    spec: { scenario: "gourmetgram", seed, label, topicNames, mix },
    // Every kind's topic: the first event of a lane is an upload whatever the mix.
    topics: [...new Set(GOURMETGRAM_KINDS.map((k) => topicNames[k]))],
  }));
}

type SourceKinds = NonNullable<Extract<FirehoseOptions, { scenario: "clickstream" }>["kinds"]>;
