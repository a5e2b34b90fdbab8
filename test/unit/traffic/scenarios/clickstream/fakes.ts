import type { RawMessage } from "@gg/core/kafka";
import type { Clock } from "@gg/core/time";

/** A clock whose time moves only when the code under test sleeps: timing is exact and instant. */
export function virtualClock(start = 0): Clock & { advance(ms: number): void } {
  let t = start;
  return {
    now: () => t,
    sleep: async (ms) => {
      t += Math.max(0, ms);
      // Let pending acks settle, as real time would.
      await new Promise((r) => setImmediate(r));
    },
    // Backoff timers are not used by `deliver`; fire them at once if anything asks.
    after: (_ms, fn) => {
      setTimeout(fn, 0);
    },
    advance: (ms) => {
      t += ms;
    },
  };
}

/** One produce call as the fake saw it: when, to which topic, what. */
interface SentBatch {
  at: number;
  topic: string;
  messages: RawMessage[];
}

/**
 * A stand-in for the producer in pure tests (integration tests use the real broker): records each
 * call; `ack` decides per call whether it resolves, rejects or waits for `release()`.
 */
export function captureProducer(
  clock: Clock,
  ack: (call: number) => "ok" | "fail" | "hold" = () => "ok",
) {
  const batches: SentBatch[] = [];
  const held: (() => void)[] = [];
  return {
    batches,
    messages: () => batches.flatMap((b) => b.messages),
    release: () => {
      for (const r of held.splice(0)) r();
    },
    async sendRaw(topic: { readonly name: string }, messages: readonly RawMessage[]) {
      const call = batches.length;
      batches.push({ at: clock.now(), topic: topic.name, messages: [...messages] });
      const how = ack(call);
      if (how === "fail") throw new Error(`broker said no to call ${call}`);
      if (how === "hold") await new Promise<void>((resolve) => held.push(resolve));
    },
  };
}
