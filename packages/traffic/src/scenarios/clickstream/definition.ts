import { CLICKSTREAM_KINDS, clickstreamTopicNames, TopicName } from "@gg/core/kafka";
import { z } from "zod";
import { peakRate, RateSchedule, rateScheduleInputOf } from "../../rates/index";
import type { StreamRequest } from "../../streams/request";
import { checkCeiling, located, ratePath, type ScenarioDefinition } from "../definition";
import type { ClickstreamSourceOptions } from "./firehose-source";
// The model's settings and sizes, not its face: the definition is read where no world is built.
import { ClickstreamSettings, DEFAULT_CLICKSTREAM_CONFIG } from "./model/clickstream-config";
import { formatMegabytes, WORLD_BUDGET_BYTES, worldBytes } from "./model/world-size";

const scheduleOf = (input: StreamRequest) => RateSchedule.safeParse(rateScheduleInputOf(input));

/** The memory (`worldBytes`) a stream's world holds: its settings' sizes, or the defaults. */
function worldOf(input: StreamRequest): number {
  const own = ClickstreamSettings.safeParse(input.settings ?? {});
  const size = own.success ? own.data : {};
  return worldBytes({
    users: size.users ?? DEFAULT_CLICKSTREAM_CONFIG.users,
    products: size.products ?? DEFAULT_CLICKSTREAM_CONFIG.products,
  });
}

const Kind = z.enum(CLICKSTREAM_KINDS);

/** What a clickstream firehose run takes beside the common options. */
const firehoseOptions = {
  /** Topic per kind (default: the kind's name). */
  topics: z.partialRecord(Kind, TopicName).default({}),
  /** Kinds to emit (default all four). */
  kinds: z.array(Kind).min(1).max(CLICKSTREAM_KINDS.length).optional(),
  /** The scenario's settings (segments, prices, world sizes, ...), as `/stream/start` takes them. */
  settings: ClickstreamSettings.optional(),
};

/** The clickstream of seed 003: one entity kind per stream, straight to Kafka. */
export const clickstreamDefinition = {
  name: "clickstream",
  settings: ClickstreamSettings,
  settingsTitle: "ClickstreamSettings",
  ownKeys: ["data_type"],
  impliedBy: ["data_type"],
  ceiling: {
    variable: "CLICKSTREAM_MAX_RATE",
    // Batches straight to Kafka: half of what one core acknowledges leaves room beside it.
    perSecond: 20_000,
    source: "CLICKSTREAM_MAX_RATE",
  },
  check(input, ceiling) {
    const schedule = scheduleOf(input);
    located(schedule, ratePath);
    if (schedule.success) checkCeiling(clickstreamDefinition, schedule.data, 0, ceiling);
  },
  peakRate(input) {
    const schedule = scheduleOf(input);
    return schedule.success ? peakRate(schedule.data) : 0;
  },
  memory: {
    budget: WORLD_BUDGET_BYTES,
    bytes: worldOf,
    refusal: (running, own) =>
      `worlds too large: the running clickstream streams' worlds take ${formatMegabytes(running)}; with ` +
      `this one's (${formatMegabytes(own)}) that is above the ${formatMegabytes(WORLD_BUDGET_BYTES)} ` +
      "one generator keeps for them: stop one or ask for fewer settings.users or settings.products",
  },
  firehose: {
    options: firehoseOptions,
    lanes(options, run) {
      const topicNames = clickstreamTopicNames(options.topics);
      const kinds = options.kinds ?? CLICKSTREAM_KINDS;
      const sources = Array.from(
        { length: run.lanes },
        (_, label): ClickstreamSourceOptions => ({
          seed: run.seed,
          label,
          topicNames,
          kinds,
          startMs: run.startMs,
          settings: options.settings,
        }),
      );
      return { sources, topics: [...new Set(kinds.map((k) => topicNames[k]))] };
    },
    module: new URL("./firehose-source.ts", import.meta.url).href,
    // The world: ~100 B a user and ~500 B a product while being built (WORLD_BYTES once built).
    heapMb: (options) =>
      ((options.settings?.users ?? DEFAULT_CLICKSTREAM_CONFIG.users) * 100 +
        (options.settings?.products ?? DEFAULT_CLICKSTREAM_CONFIG.products) * 500) /
      1e6,
  },
} satisfies ScenarioDefinition<"clickstream", typeof firehoseOptions>;
