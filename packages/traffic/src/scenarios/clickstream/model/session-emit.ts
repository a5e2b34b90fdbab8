import {
  BROWSERS,
  type ClickstreamSession,
  DEVICE_TYPES,
  INTERACTION_TYPES,
  type Interaction,
} from "@gg/core/kafka";
import type { Random } from "@gg/core/random";
import { fastUuid } from "@gg/core/random";
import { DEVICE_OS, ENTRY_REFERRERS } from "./catalogue-data";
import { ipv4 } from "./format";
import { PURCHASE, type SessionModel, VIEW } from "./session-model";
import type { Placement } from "./time-frame";
import type { World } from "./world";

/** A session and its interactions, in time order. */
export interface SessionWithInteractions {
  session: ClickstreamSession;
  interactions: Interaction[];
}

/**
 * Turns simulated sessions into records. Holds per-product "seen in session N" stamps so the
 * distinct viewed/purchased lists cost O(1) per event; their size is the catalogue's, fixed.
 */
export class SessionEmitter {
  private readonly viewedStamp: Int32Array;
  private readonly boughtStamp: Int32Array;
  private sessionNo = 0;

  constructor(
    private readonly world: World,
    private readonly format: (epochMicros: number) => string,
  ) {
    this.viewedStamp = new Int32Array(world.config.products);
    this.boughtStamp = new Int32Array(world.config.products);
  }

  /** Build the records of the session `model` holds, placed at `at`; events past the limit are cut. */
  emit(model: SessionModel, at: Placement, rng: Random): SessionWithInteractions {
    const { users, products, pools } = this.world;
    // Wraps within int32 (skipping 0, the arrays' initial value) so stamps always compare exactly.
    this.sessionNo = (this.sessionNo + 1) | 0 || 1;
    const stamp = this.sessionNo;
    const userId = users.ids[model.user] as string;
    const sessionId = fastUuid(rng);
    const deviceType = DEVICE_TYPES[model.device] ?? "mobile";
    const browser = BROWSERS[model.browser] ?? "chrome";
    const os = DEVICE_OS[deviceType][browser];
    const fmt = this.format;
    const start = at.startMicros;
    const interactions: Interaction[] = [];
    const viewed: string[] = [];
    const bought: string[] = [];
    let referrer = ENTRY_REFERRERS[Math.floor(rng.next() * ENTRY_REFERRERS.length)] ?? null;
    let revenueCents = 0;
    for (let k = 0; k < model.length; k++) {
      const ts = start + (model.offsets[k] as number);
      if (ts > at.limitMicros) break;
      const type = model.types[k] as number;
      const p = model.products[k] as number;
      const productId = products.ids[p] as string;
      const qty = model.quantities[k] as number;
      let revenue: number | null = null;
      if (type === PURCHASE) {
        const cents = (products.priceCents[p] as number) * qty;
        revenueCents += cents;
        revenue = cents / 100;
        if (this.boughtStamp[p] !== stamp) {
          this.boughtStamp[p] = stamp;
          bought.push(productId);
        }
      } else if (type === VIEW && this.viewedStamp[p] !== stamp) {
        this.viewedStamp[p] = stamp;
        viewed.push(productId);
      }
      const pageUrl = type === PURCHASE ? CHECKOUT_PATH : (products.paths[p] as string);
      interactions.push({
        interaction_id: fastUuid(rng),
        user_id: userId,
        product_id: productId,
        session_id: sessionId,
        interaction_type: INTERACTION_TYPES[type] ?? "view",
        timestamp: fmt(ts),
        duration_seconds: type === VIEW ? (model.durations[k] as number) : null,
        quantity: qty > 0 ? qty : null,
        revenue,
        device_type: deviceType,
        browser,
        os,
        page_url: pageUrl,
        referrer,
      });
      referrer = pageUrl;
    }
    const end = Math.min(start + model.span, at.limitMicros);
    const session: ClickstreamSession = {
      session_id: sessionId,
      user_id: userId,
      start_time: fmt(start),
      end_time: fmt(end),
      device_type: deviceType,
      browser,
      ip_address: ipv4(rng),
      location: pools.places[users.place[model.user] as number] ?? fallbackPlace,
      interaction_count: interactions.length,
      total_revenue: revenueCents / 100,
      products_viewed: viewed,
      products_purchased: bought,
    };
    return { session, interactions };
  }
}

const CHECKOUT_PATH = "/checkout/complete";
const fallbackPlace = {
  city: "Springfield",
  region: "IL",
  country: "United States",
  country_code: "US",
};
