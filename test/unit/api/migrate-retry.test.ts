import { AppError, unavailable } from "@gg/core/errors";
import { describe, expect, it } from "vitest";
import {
  isTransient,
  type RetryClock,
  retryTransient,
} from "../../../packages/api/src/migrate-retry";

// The deploy's migrate invocation waits out a NAT still booting (an unreachable Kafka or S3),
// within a deadline, and fails at once on what no wait fixes.
function fakeClock(): RetryClock & { slept: number[] } {
  let t = 0;
  const slept: number[] = [];
  const sleep = async (ms: number) => {
    slept.push(ms);
    t += ms;
  };
  return { slept, now: () => t, sleep };
}
const down = () => unavailable("kafka", "kafka unavailable: connect ETIMEDOUT");

describe("retryTransient", () => {
  it("retries an unreachable dependency with a doubling wait until it answers", async () => {
    const clock = fakeClock();
    let calls = 0;
    const result = await retryTransient(
      async () => {
        if (++calls < 5) throw down();
        return "migrated";
      },
      { clock },
    );
    expect(result).toBe("migrated");
    expect(clock.slept).toEqual([2_000, 4_000, 8_000, 15_000]);
  });

  it("gives up with the last error once the next wait would pass the deadline", async () => {
    const clock = fakeClock();
    await expect(
      retryTransient(
        async () => {
          throw down();
        },
        { clock, withinMs: 60_000 },
      ),
    ).rejects.toThrow(/ETIMEDOUT/);
    expect(clock.now()).toBeLessThanOrEqual(60_000);
    expect(clock.slept.length).toBeGreaterThan(2);
  });

  it("fails at once on refused credentials and on errors no wait fixes", async () => {
    const auth = Object.assign(new Error("SASL SCRAM SHA512 authentication failed"), {
      name: "KafkaJSSASLAuthenticationError",
    });
    const refused = new AppError("UNAVAILABLE", "kafka: bad credentials", { cause: auth });
    expect(isTransient(refused)).toBe(false);
    expect(isTransient(new AppError("INTERNAL", "syntax error"))).toBe(false);
    expect(isTransient(Object.assign(new Error("connect"), { code: "ECONNREFUSED" }))).toBe(true);
    const clock = fakeClock();
    await expect(
      retryTransient(
        async () => {
          throw refused;
        },
        { clock },
      ),
    ).rejects.toBe(refused);
    expect(clock.slept).toEqual([]);
  });
});
