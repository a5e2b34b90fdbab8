import {
  CLICKSTREAM_KINDS,
  type ClickstreamKind,
  type ClickstreamSession,
  type ClickstreamUser,
  type Interaction,
  type Product,
} from "@gg/core/kafka";
import { createRandom } from "@gg/core/random";
import type { ClickstreamConfig } from "./clickstream-config";
import { productAt } from "./products";
import { SessionSource } from "./sessions";
import { checkTimeFrame, frameStart, type TimeFrame } from "./time-frame";
import { userAt } from "./users";
import { createWorld, type World } from "./world";

/** One record for Kafka: its entity kind, key and (not yet serialised) value. */
export type ClickstreamRecord =
  | { topic: "users"; key: string; value: ClickstreamUser }
  | { topic: "products"; key: string; value: Product }
  | { topic: "interactions"; key: string; value: Interaction }
  | { topic: "sessions"; key: string; value: ClickstreamSession };

export type ClickstreamOptions = TimeFrame & {
  seed: string | number;
  config?: ClickstreamConfig;
  /** A world built earlier (they take ~1 s per 100k users); else one is built from seed and config. */
  world?: World;
  /** Distinguishes parallel streams over one world: same label, same records. */
  label?: string | number;
  /** Kinds to emit (default all). With neither interactions nor sessions, entities are listed by index. */
  topics?: readonly ClickstreamKind[];
  /** Interaction key: its own id (the spec's "entity id", default), or session/user for per-key order. */
  interactionKey?: "interaction_id" | "session_id" | "user_id";
};

export interface Clickstream {
  readonly world: World;
  /** The next `n` records; in a live frame, `now` moves the present forward for new sessions. */
  nextBatch(n: number, now?: Date): ClickstreamRecord[];
}

/**
 * A seeded, endless stream of clickstream records. Per session it yields any user or product not
 * emitted before (so consumers see entities before events that reference them), the session's
 * interactions in time order, then the session summary. Memory is bounded by the world.
 */
export function createClickstream(options: ClickstreamOptions): Clickstream {
  const frame = checkTimeFrame({ now: options.now, window: options.window } as TimeFrame);
  const world =
    options.world ??
    createWorld({ seed: options.seed, anchor: frameStart(frame), config: options.config });
  const topics = new Set(options.topics ?? CLICKSTREAM_KINDS);
  const rng = createRandom(options.seed, "clickstream", options.label ?? 0);
  const refill =
    topics.has("interactions") || topics.has("sessions")
      ? sessionRefill(world, new SessionSource(world, rng, frame), topics, options.interactionKey)
      : entityRefill(world, topics);
  const pending: ClickstreamRecord[] = [];
  let head = 0;
  return {
    world,
    nextBatch(n, now) {
      const out: ClickstreamRecord[] = new Array(n);
      for (let i = 0; i < n; i++) {
        if (head === pending.length) {
          pending.length = 0;
          head = 0;
          refill(pending, now);
        }
        out[i] = pending[head++] as ClickstreamRecord;
      }
      return out;
    },
  };
}

type Refill = (into: ClickstreamRecord[], now: Date | undefined) => void;

function sessionRefill(
  world: World,
  source: SessionSource,
  topics: ReadonlySet<ClickstreamKind>,
  interactionKey: ClickstreamOptions["interactionKey"] = "interaction_id",
): Refill {
  // One byte per user and product: "already emitted". Fixed size, like the rest of the world.
  const userSent = new Uint8Array(topics.has("users") ? world.config.users : 0);
  const productSent = new Uint8Array(topics.has("products") ? world.config.products : 0);
  const model = source.model;
  return (into, now) => {
    // A session whose every event is filtered out still yields records for the other kinds.
    for (;;) {
      const { session, interactions } = source.next(now);
      if (userSent.length > 0 && userSent[model.user] === 0) {
        userSent[model.user] = 1;
        into.push({ topic: "users", key: session.user_id, value: userAt(world, model.user) });
      }
      // Emitted interactions are a prefix of the model's events, so index k is event k.
      for (let k = 0; productSent.length > 0 && k < interactions.length; k++) {
        const p = model.products[k] as number;
        if (productSent[p] === 0) {
          productSent[p] = 1;
          into.push({
            topic: "products",
            key: world.products.ids[p] as string,
            value: productAt(world, p),
          });
        }
      }
      if (topics.has("interactions")) {
        for (const it of interactions)
          into.push({ topic: "interactions", key: it[interactionKey], value: it });
      }
      if (topics.has("sessions"))
        into.push({ topic: "sessions", key: session.session_id, value: session });
      if (into.length > 0) return;
    }
  };
}

// Entities only: walk the population and catalogue by index, round-robin, past their sizes too.
function entityRefill(world: World, topics: ReadonlySet<ClickstreamKind>): Refill {
  let nextUser = 0;
  let nextProduct = 0;
  return (into) => {
    if (topics.has("users")) {
      const value = userAt(world, nextUser++);
      into.push({ topic: "users", key: value.user_id, value });
    }
    if (topics.has("products")) {
      const value = productAt(world, nextProduct++);
      into.push({ topic: "products", key: value.product_id, value });
    }
    if (into.length === 0) throw new RangeError("clickstream with no topics to emit");
  };
}
