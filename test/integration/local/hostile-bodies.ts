// Request bodies with one hostile field: every leaf (strings, numbers, booleans, array items)
// and every key of a complete, valid request to /stream/start, /generate/{type} and
// /firehose/start, replaced in turn by the attacker's string.
import { INTERACTION_TYPES, PRODUCT_CATEGORIES, SEGMENTS } from "@gg/core/kafka";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface HostileCase {
  name: string;
  method: "POST";
  path: string;
  /** The valid request, as JSON. */
  template: string;
  /** The JSON before and after the hostile string (quotes included): a body is before, field, after. */
  around: [string, string];
}

const HOLE = "\u0001hole\u0001";

/**
 * Every place in `value` a string can go: each leaf's value and each object key (of an array,
 * its first and last items: the others are the same position again).
 */
function* holes(value: Json, path: string[] = []): Generator<{ path: string[]; make: () => Json }> {
  if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) {
      if (i > 0 && i < value.length - 1) continue;
      for (const h of holes(item, [...path, String(i)])) {
        yield { path: h.path, make: () => value.map((v, j) => (j === i ? h.make() : v)) };
      }
    }
    return;
  }
  if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      const renamed = () =>
        Object.fromEntries(Object.entries(value).map(([k, v]) => [k === key ? HOLE : k, v]));
      yield { path: [...path, `${key} (key)`], make: renamed };
      for (const h of holes(item, [...path, key])) {
        yield { path: h.path, make: () => ({ ...value, [key]: h.make() }) };
      }
    }
    return;
  }
  yield { path, make: () => HOLE };
}

const clickstreamSettings = {
  users: 100,
  products: 50,
  segments: {
    [SEGMENTS[0]]: {
      share: 1,
      spend: [1, 2],
      orders: [1, 2],
      typeWeights: { [INTERACTION_TYPES[0]]: 1 },
      activity: 1,
      meanInteractions: 2,
    },
  },
  prices: { [PRODUCT_CATEGORIES[0]]: [1, 2] },
  popularityExponent: 1,
  preferredShare: 0.5,
  revisitShare: 0.5,
  inStockShare: 0.5,
  maxInteractions: 5,
};

const TEMPLATES: { name: string; path: string; body: Json }[] = [
  {
    name: "POST /stream/start (gourmetgram)",
    path: "/stream/start",
    body: {
      scenario: "gourmetgram",
      rate: "10/min",
      profile: {
        daily: { weights: [1, 2, ...Array(22).fill(1)], utcOffsetMinutes: 60 },
        ramp: { from: "1/min", to: "2/min", start: "2026-01-01T00:00:00Z", end: 1_767_312_000_000 },
        bursts: [{ start: "2026-01-01T00:00:00Z", duration: "10m", multiplier: 2 }],
      },
      mix: "view=68,comment=20,upload=7,user=3,flag=2",
      mode: "simulate_viral",
      viral: { targetImageId: "x", views: 1, comments: 1, flags: 1, background: true },
      seed: "s",
      duration: 60,
      max_count: 10,
      settings: {
        segments: { casual: { share: 1, activity: 1, affinity: { view: 1 } } },
        sessions: { continueProbability: 0.5, revisitProbability: 0.5 },
        testAccountRate: 0.1,
      },
    },
  },
  {
    name: "POST /stream/start (clickstream)",
    path: "/stream/start",
    body: {
      data_type: "users",
      rate: 1,
      profile: { bursts: [{ start: 1_767_225_600_000, duration: 60, multiplier: 1.5 }] },
      max_count: 5,
      settings: clickstreamSettings,
    },
  },
  {
    name: "POST /generate/users",
    path: "/generate/users",
    body: {
      count: 10,
      rate: 10,
      stream: false,
      batch_size: 10,
      seed: "s",
      settings: clickstreamSettings,
    },
  },
  {
    name: "POST /firehose/start (clickstream)",
    path: "/firehose/start",
    body: {
      scenario: "clickstream",
      seed: "s",
      rate: 10,
      durationSec: 1,
      count: 10,
      batchSize: 10,
      lingerMs: 1,
      maxInFlight: 1,
      compression: "none",
      threads: 0,
      partitions: 1,
      topics: { users: "t" },
      kinds: ["users"],
      settings: clickstreamSettings,
    },
  },
  {
    name: "POST /firehose/start (gourmetgram)",
    path: "/firehose/start",
    body: {
      scenario: "gourmetgram",
      seed: 1,
      count: 10,
      topics: { views: "t" },
      mix: { views: 1 },
    },
  },
];

/** One case per position of every template. */
export function hostileBodies(): HostileCase[] {
  return TEMPLATES.flatMap((t) => {
    const template = JSON.stringify(t.body);
    return [...holes(t.body)].map((h) => {
      // The attacker's field goes in as a JSON string: it must hold nothing JSON escapes.
      const withHole = JSON.stringify(h.make());
      const at = withHole.indexOf(JSON.stringify(HOLE));
      return {
        name: `${t.name} ${h.path.join(".")}`,
        method: "POST" as const,
        path: t.path,
        template,
        around: [
          `${withHole.slice(0, at)}"`,
          `"${withHole.slice(at + JSON.stringify(HOLE).length)}`,
        ] as [string, string],
      };
    });
  });
}
