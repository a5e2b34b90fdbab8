import { SEGMENTS } from "@gg/core/kafka";
import type { Random } from "@gg/core/random";
import type { World } from "./world";

/** Interaction type codes, in INTERACTION_TYPES order. */
export const VIEW = 0;
const CLICK = 1;
const ADD_TO_CART = 2;
export const PURCHASE = 3;
const WISHLIST = 4;

// Mean seconds until the next event after each type (views add their own dwell on top).
const MEAN_GAP_SECONDS = [2, 1.5, 5, 40, 4];
const VIEW_MEDIAN_SECONDS = 20;
const VIEW_SIGMA = 0.9;
const MAX_VIEW_SECONDS = 600;
const MIN_GAP_MICROS = 1_000;
// Unpaid purchase debt is capped so a pathological config cannot grow it without bound.
const MAX_DEBT = 1_000_000;
const CLICK_THROUGH = 0.8;
const KEEP_DEVICE = 0.85;

/**
 * Simulates one session at a time into fixed, preallocated arrays (no per-event allocation).
 *
 * Types are drawn from the user's segment weights, so their shares are the configured ones; the
 * funnel lives in product choice: add_to_cart and wishlist pick a product viewed in the session,
 * purchase takes an item from the cart. A purchase drawn with an empty cart is emitted as an
 * add_to_cart and owed: the segment's next add_to_cart drawn while the cart holds something is
 * emitted as the purchase. Swaps come in pairs, so every purchase follows an add_to_cart of the
 * same product and the long-run type shares stay the configured weights.
 */
export class SessionModel {
  readonly types: Uint8Array;
  readonly products: Int32Array;
  /** Microseconds since the session's first event. */
  readonly offsets: Float64Array;
  readonly durations: Int32Array;
  readonly quantities: Uint8Array;
  length = 0;
  /** First event to departure (the last event plus its dwell), microseconds. */
  span = 0;
  user = 0;
  device = 0;
  browser = 0;
  private readonly cartProduct: Int32Array;
  private readonly cartQty: Uint8Array;
  private cartLen = 0;
  private readonly viewed: Int32Array;
  private viewedLen = 0;
  private readonly debt = new Float64Array(SEGMENTS.length);
  private readonly typeCum: Float64Array[];
  private readonly geometricLog: Float64Array;

  constructor(private readonly world: World) {
    const max = world.config.maxInteractions;
    this.types = new Uint8Array(max);
    this.products = new Int32Array(max);
    this.offsets = new Float64Array(max);
    this.durations = new Int32Array(max);
    this.quantities = new Uint8Array(max);
    this.cartProduct = new Int32Array(max);
    this.cartQty = new Uint8Array(max);
    this.viewed = new Int32Array(max);
    this.typeCum = SEGMENTS.map((g) => cumulative(world.config.segments[g].typeWeights));
    // 1 + Geometric(p = 1/mean) has the configured mean; log(1 - p) is precomputed per segment.
    this.geometricLog = Float64Array.from(SEGMENTS, (g) =>
      Math.log(1 - 1 / world.config.segments[g].meanInteractions),
    );
  }

  /** Simulate the next session: its user, device and events (relative times). */
  simulate(rng: Random): void {
    const { users, draws, config } = this.world;
    const segment = users.sessionSegment.draw(rng);
    const members = users.bySegment[segment] as Uint32Array;
    const user = members[Math.floor(rng.next() * members.length)] as number;
    this.user = user;
    const keep = rng.next() < KEEP_DEVICE;
    this.device = keep ? (users.device[user] as number) : draws.device.draw(rng);
    this.browser = keep ? (users.browser[user] as number) : draws.browser.draw(rng);
    const extra = Math.floor(Math.log(rng.nextOpen()) / (this.geometricLog[segment] as number));
    const n = Math.min(config.maxInteractions, 1 + (Number.isFinite(extra) ? extra : 0));
    const cum = this.typeCum[segment] as Float64Array;
    this.cartLen = 0;
    this.viewedLen = 0;
    let t = 0;
    let clicked = -1;
    for (let k = 0; k < n; k++) {
      let type = drawType(cum, rng.next());
      if (type === PURCHASE && this.cartLen === 0) {
        type = ADD_TO_CART;
        if ((this.debt[segment] as number) < MAX_DEBT) this.debt[segment]! += 1;
      } else if (type === ADD_TO_CART && this.cartLen > 0 && (this.debt[segment] as number) > 0) {
        type = PURCHASE;
        this.debt[segment]! -= 1;
      }
      const product = this.chooseProduct(type, user, clicked, rng);
      clicked = type === CLICK ? product : -1;
      this.types[k] = type;
      this.products[k] = product;
      this.offsets[k] = t;
      let gap = rng.exponential(1) * (MEAN_GAP_SECONDS[type] as number);
      this.durations[k] = 0;
      this.quantities[k] = 0;
      if (type === VIEW) {
        const seconds = Math.round(VIEW_MEDIAN_SECONDS * Math.exp(VIEW_SIGMA * rng.normal()));
        const d = Math.min(MAX_VIEW_SECONDS, Math.max(1, seconds));
        this.durations[k] = d;
        gap += d;
      } else if (type === ADD_TO_CART) {
        this.quantities[k] = this.addToCart(product, rng);
      } else if (type === PURCHASE) {
        this.quantities[k] = this.takeFromCart(product);
      }
      t += Math.max(MIN_GAP_MICROS, Math.round(gap * 1_000_000));
    }
    this.length = n;
    this.span = t;
  }

  private chooseProduct(type: number, user: number, clicked: number, rng: Random): number {
    if (type === PURCHASE) {
      return this.cartProduct[Math.floor(rng.next() * this.cartLen)] as number;
    }
    if (type === VIEW) {
      if (clicked >= 0 && rng.next() < CLICK_THROUGH) return this.remember(clicked);
      if (this.viewedLen > 0 && rng.next() < this.world.config.revisitShare) {
        return this.viewed[Math.floor(rng.next() * this.viewedLen)] as number;
      }
      return this.remember(this.freshProduct(user, rng));
    }
    if ((type === ADD_TO_CART || type === WISHLIST) && this.viewedLen > 0) {
      // Mostly the product just looked at; sometimes one from earlier in the session.
      const i = rng.next() < 0.6 ? this.viewedLen - 1 : Math.floor(rng.next() * this.viewedLen);
      return this.viewed[i] as number;
    }
    return this.freshProduct(user, rng);
  }

  /** A product by popularity, from one of the user's preferred categories most of the time. */
  private freshProduct(user: number, rng: Random): number {
    const { users, products, config } = this.world;
    if (rng.next() < config.preferredShare) {
      const count = users.prefCount[user] as number;
      const c = users.prefs[4 * user + Math.floor(rng.next() * count)] as number;
      const alias = products.categoryAlias[c];
      if (alias) return (products.byCategory[c] as Uint32Array)[alias.draw(rng)] as number;
    }
    return products.alias.draw(rng);
  }

  private remember(product: number): number {
    if (this.viewedLen < this.viewed.length) this.viewed[this.viewedLen++] = product;
    return product;
  }

  private addToCart(product: number, rng: Random): number {
    const u = rng.next();
    const qty = u < 0.8 ? 1 : u < 0.95 ? 2 : 3;
    for (let i = 0; i < this.cartLen; i++) {
      if (this.cartProduct[i] === product) {
        this.cartQty[i] = Math.min(9, (this.cartQty[i] as number) + qty);
        return qty;
      }
    }
    this.cartProduct[this.cartLen] = product;
    this.cartQty[this.cartLen++] = qty;
    return qty;
  }

  /** Remove `product` from the cart (swap with the last item); its quantity is what is bought. */
  private takeFromCart(product: number): number {
    for (let i = 0; i < this.cartLen; i++) {
      if (this.cartProduct[i] === product) {
        const qty = this.cartQty[i] as number;
        this.cartLen--;
        this.cartProduct[i] = this.cartProduct[this.cartLen] as number;
        this.cartQty[i] = this.cartQty[this.cartLen] as number;
        return qty;
      }
    }
    return 1;
  }
}

function cumulative(weights: readonly number[]): Float64Array {
  const total = weights.reduce((s, w) => s + w, 0);
  let acc = 0;
  return Float64Array.from(weights, (w) => {
    acc += w / total;
    return acc;
  });
}

function drawType(cum: Float64Array, u: number): number {
  for (let i = 0; i < cum.length - 1; i++) if (u < (cum[i] as number)) return i;
  return cum.length - 1;
}
