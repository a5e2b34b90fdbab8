import type { ClickstreamKind } from "@gg/core/kafka";
import { createRandom } from "@gg/core/random";
import {
  type ClickstreamRecord,
  createClickstream,
  productAt,
  userAt,
  type World,
} from "./model/index";

/**
 * Records of one entity kind drawn one at a time, each stamped as of the `now` it is drawn at (a
 * stream minute's arrivals, a /generate request); the firehose's batch sources are `RecordSource`.
 */
export interface RecordDraw {
  next(now: Date): ClickstreamRecord;
}

export interface RecordDrawOptions {
  world: World;
  kind: ClickstreamKind;
  /** Separates independent draws over one world (a stream minute, a request): same label, same records. */
  label: string;
  /** The present when the source starts; later calls move it forward. */
  now: Date;
}

/**
 * One kind of the scenario's records. Interactions and sessions come from simulated sessions (so
 * interactions arrive session by session, in time order, one user each); users and products walk
 * the world's population and catalogue from a seeded starting point, wrapping around, so they are
 * real members of the world that sessions refer to.
 */
export function createRecordDraw({ world, kind, label, now }: RecordDrawOptions): RecordDraw {
  if (kind === "interactions" || kind === "sessions") {
    const stream = createClickstream({ seed: world.seed, world, label, now, topics: [kind] });
    return { next: (at) => stream.nextBatch(1, at)[0] as ClickstreamRecord };
  }
  const size = kind === "users" ? world.config.users : world.config.products;
  let index = createRandom(world.seed, "entity-walk", kind, label).int(0, size - 1);
  return {
    next() {
      const i = index;
      index = (index + 1) % size;
      if (kind === "users") {
        const value = userAt(world, i);
        return { topic: "users", key: value.user_id, value };
      }
      const value = productAt(world, i);
      return { topic: "products", key: value.product_id, value };
    },
  };
}

/** `count` records of `kind` drawn at `now` (the /generate endpoints and samples). */
export function drawRecords(options: RecordDrawOptions & { count: number }): ClickstreamRecord[] {
  const source = createRecordDraw(options);
  return Array.from({ length: options.count }, () => source.next(options.now));
}
