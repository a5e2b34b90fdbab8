import { describe, expect, it } from "vitest";
import { createSlots } from "../../../../packages/traffic/src/firehose/slots";

const tick = () => new Promise((r) => setImmediate(r));

describe("firehose in-flight slots (backpressure)", () => {
  it("never lets more than max holders in, and hands slots over in order", async () => {
    const slots = createSlots(2);
    const order: number[] = [];
    let peak = 0;
    const holders = Array.from({ length: 6 }, async (_, i) => {
      await slots.acquire();
      peak = Math.max(peak, slots.inUse);
      order.push(i);
      await tick();
      slots.release();
    });
    await Promise.all(holders);
    expect(peak).toBe(2);
    expect(order).toEqual([0, 1, 2, 3, 4, 5]);
    expect(slots.inUse).toBe(0);
  });

  it("blocks the third acquire until a release", async () => {
    const slots = createSlots(2);
    await slots.acquire();
    await slots.acquire();
    let third = false;
    const p = slots.acquire().then(() => {
      third = true;
    });
    await tick();
    expect(third).toBe(false);
    slots.release();
    await p;
    expect(third).toBe(true);
    expect(slots.inUse).toBe(2);
  });

  it("drained() waits for the last release", async () => {
    const slots = createSlots(3);
    await slots.acquire();
    await slots.acquire();
    let drained = false;
    const d = slots.drained().then(() => {
      drained = true;
    });
    slots.release();
    await tick();
    expect(drained).toBe(false);
    slots.release();
    await d;
    expect(drained).toBe(true);
  });

  it("refuses a release without an acquire and a size below 1", () => {
    expect(() => createSlots(1).release()).toThrow();
    expect(() => createSlots(0)).toThrow();
  });
});
