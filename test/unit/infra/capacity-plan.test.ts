import { describe, expect, it } from "vitest";
import { ACCOUNT_CONCURRENCY, capacityPlan, DB_CLASSES, MODEL } from "../../../infra/capacity-plan";

describe("capacityPlan", () => {
  it("keeps today's stage at 150 events/h: db.t4g.micro, no proxy, ~$30 a month without NAT", () => {
    const p = capacityPlan(150 / 3600);
    expect(p).toMatchObject({
      apiConcurrency: 5,
      apiConnections: 10,
      db: { instance: "t4g.micro", proxy: false, storageGb: 20 },
      kafkaPartitions: 3,
    });
    // infra/README.md's itemised month at the default rate.
    expect(p.usdPerMonth).toEqual({ idle: 19, atCapacity: 30 });
    // A private network (production) adds two fck-nat instances and their addresses, less RDS's.
    expect(capacityPlan(150 / 3600, { privateNetwork: true }).usdPerMonth).toEqual({
      idle: 30,
      atCapacity: 41,
    });
  });

  it("sizes 10,000 events/s by its arithmetic", () => {
    const p = capacityPlan(10_000);
    expect(p.apiConcurrency).toBe(Math.ceil(10_000 * MODEL.apiSecondsPerEvent * MODEL.apiHeadroom));
    expect(p.apiConcurrency).toBeLessThanOrEqual(ACCOUNT_CONCURRENCY - 100);
    expect(p.db).toMatchObject({ instance: "m7g.4xlarge", vcpu: 16, maxConnections: 5_000 });
    expect(p.db.vcpu * MODEL.eventsPerVcpuSecond).toBeGreaterThanOrEqual(10_000);
    expect(p.db.proxy).toBe(true);
    expect(p.kafkaPartitions).toBe(20);
  });

  it("never shrinks as the rate grows, and puts a proxy in front once the clients outgrow Postgres", () => {
    const rates = [
      0.01, 1, 10, 50, 100, 140, 141, 300, 1_000, 2_000, 3_400, 5_000, 6_600, 6_700, 10_000, 20_000,
    ];
    const plans = rates.map((r) => capacityPlan(r));
    const classIndex = (i: string) => DB_CLASSES.findIndex((c) => c.instance === i);
    for (let i = 1; i < plans.length; i++) {
      const [a, b] = [plans[i - 1]!, plans[i]!];
      expect(b.apiConcurrency).toBeGreaterThanOrEqual(a.apiConcurrency);
      expect(classIndex(b.db.instance)).toBeGreaterThanOrEqual(classIndex(a.db.instance));
      expect(b.kafkaPartitions).toBeGreaterThanOrEqual(a.kafkaPartitions);
      expect(b.usdPerMonth.atCapacity).toBeGreaterThanOrEqual(a.usdPerMonth.atCapacity);
    }
    for (const p of plans) {
      if (!p.db.proxy) expect(p.apiConnections).toBeLessThanOrEqual(0.75 * p.db.maxConnections);
    }
    expect(plans.find((p) => p.db.proxy)?.eventsPerSecond).toBe(6_700);
  });

  it("refuses a capacity that is not a positive rate", () => {
    for (const bad of [0, -1, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => capacityPlan(bad)).toThrow(/positive number of events\/s/);
    }
  });
});
