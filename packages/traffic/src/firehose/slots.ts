/**
 * A counting semaphore bounding the batches generated but not yet acknowledged: the firehose's
 * backpressure. Memory is at most `max` batches, whatever the broker's speed.
 */
export interface Slots {
  /** Resolves once a slot is free (at once when one is). */
  acquire(): Promise<void>;
  release(): void;
  /** Resolves once every slot is free (all in-flight batches settled). */
  drained(): Promise<void>;
  readonly inUse: number;
}

/** Creates `max` slots. */
export function createSlots(max: number): Slots {
  if (!Number.isInteger(max) || max < 1) throw new RangeError("max must be an integer >= 1");
  let inUse = 0;
  const waiters: (() => void)[] = [];
  let idle: (() => void)[] = [];
  return {
    get inUse() {
      return inUse;
    },
    acquire() {
      if (inUse < max) {
        inUse++;
        return Promise.resolve();
      }
      // The releaser hands its slot straight to the first waiter: inUse stays as it is.
      return new Promise((resolve) => waiters.push(resolve));
    },
    release() {
      if (inUse === 0) throw new Error("release without acquire");
      const next = waiters.shift();
      if (next) return next();
      inUse--;
      if (inUse === 0) {
        const done = idle;
        idle = [];
        for (const r of done) r();
      }
    },
    drained() {
      if (inUse === 0) return Promise.resolve();
      return new Promise((resolve) => idle.push(resolve));
    },
  };
}
