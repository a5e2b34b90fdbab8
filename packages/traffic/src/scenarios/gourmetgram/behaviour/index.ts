/** Who does what: the event mix, user segments, sessions and engagement-weighted images. */
export { WeightTree } from "./fenwick";
export {
  type EventKind,
  EventKinds,
  MIX_PRESETS,
  type Mix,
  MixConfig,
  type MixPreset,
} from "./mix";
export {
  ENGAGEMENT_POINTS,
  type Engagement,
  type EngagementKind,
  engagementWeight,
  PopularityPicker,
} from "./popularity";
export {
  type ActorKind,
  ActorKinds,
  DEFAULT_SEGMENTS,
  type SegmentProfile,
  SegmentsConfig,
  segmentAssigner,
  segmentMix,
  segmentOf,
} from "./segments";
export { ActorPicker, type OpenSession, SessionConfig } from "./sessions";
