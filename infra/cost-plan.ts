// What a stage costs a month at its default traffic (150 events/h), line by line, with the
// arithmetic shown: infra/README.md's cost table is printed from here
// (`npx tsx infra/scripts/cost-table.ts`), and the mock deploy asserts the resources it prices.
// List prices of the deploy region (infra/region.ts, us-east-1), on-demand, no free tier.
import { REGION } from "./region";

const PRICES = {
  region: REGION,
  hoursPerMonth: 730,
  rdsT4gMicroPerHour: 0.016,
  rdsGp3PerGbMonth: 0.115,
  publicIpv4PerHour: 0.005,
  t4gNanoPerHour: 0.0042,
  ebsGp3PerGbMonth: 0.08,
  secretPerMonth: 0.4,
  hostedZonePerMonth: 0.5,
  lambdaArmPerGbSecond: 0.0000133334,
  lambdaPerRequest: 0.2 / 1e6,
  logsIngestPerGb: 0.5,
} as const;

/** The generator as issue #16 lands it: invocations alive at once, and their memory. */
export interface GeneratorShape {
  /** ~2 when each tick's invocation waits a minute then fires the next; ~1 for a holder. */
  concurrent: number;
  memoryMb: number;
  /** How `concurrent` reads in the table (e.g. "15/14"). */
  label?: string;
}

/**
 * Staging's generator: one holder invocation serving minute after minute within its 15-minute
 * timeout, with ~1 minute of overlap at each hand-over (15/14 alive on average), at the memory
 * infra/generator.ts configures (the mock deploy checks the two agree).
 */
export const STAGING_GENERATOR: GeneratorShape = {
  concurrent: 15 / 14,
  memoryMb: 256,
  label: "15/14",
};

export interface CostLine {
  item: string;
  arithmetic: string;
  usd: number;
}

const P = PRICES;
const minutes = P.hoursPerMonth * 60;
const seconds = P.hoursPerMonth * 3600;
const eventsPerMonth = 150 * P.hoursPerMonth;
const money = (usd: number) => usd.toFixed(2);
const n = (v: number) => v.toLocaleString("en");

/** The generator's Lambda time: `concurrent` invocations alive all month at `memoryMb`. */
export function generatorLine(g: GeneratorShape): CostLine {
  const gbSeconds = g.concurrent * seconds * (g.memoryMb / 1024);
  const alive = g.label ?? String(g.concurrent);
  return {
    item: `Lambda generator: ${alive} invocation(s) alive all month, ${g.memoryMb} MB`,
    arithmetic: `${alive} × ${n(seconds)} s × ${g.memoryMb / 1024} GB = ${n(Math.round(gbSeconds))} GB-s × $${P.lambdaArmPerGbSecond}`,
    usd: gbSeconds * P.lambdaArmPerGbSecond,
  };
}

/** Everything but the generator, for a stage without NAT (infra/network.ts: staging). */
export function publicStageLines(): CostLine[] {
  const api = eventsPerMonth * 0.1 * 1;
  const relay = minutes * 1 * 0.25;
  const requests = eventsPerMonth + 2 * minutes;
  return [
    {
      item: "RDS `db.t4g.micro` single-AZ",
      arithmetic: `${P.hoursPerMonth} h × $${P.rdsT4gMicroPerHour}`,
      usd: P.hoursPerMonth * P.rdsT4gMicroPerHour,
    },
    {
      item: "RDS storage, 20 GB gp3 (SST's minimum)",
      arithmetic: `20 × $${P.rdsGp3PerGbMonth} (backups free up to 20 GB)`,
      usd: 20 * P.rdsGp3PerGbMonth,
    },
    {
      item: "RDS public IPv4 address",
      arithmetic: `${P.hoursPerMonth} h × $${P.publicIpv4PerHour}`,
      usd: P.hoursPerMonth * P.publicIpv4PerHour,
    },
    {
      item: "Secrets Manager (the DB password SST keeps)",
      arithmetic: `1 × $${P.secretPerMonth}`,
      usd: P.secretPerMonth,
    },
    {
      item: "Route 53 private zone (the VPC's Cloud Map namespace)",
      arithmetic: `1 × $${P.hostedZonePerMonth}`,
      usd: P.hostedZonePerMonth,
    },
    {
      item: "Lambda API",
      arithmetic: `${n(eventsPerMonth)} × ~0.1 s × 1 GB = ${n(api)} GB-s`,
      usd: api * P.lambdaArmPerGbSecond,
    },
    {
      item: "Lambda relay (every minute, little to drain)",
      arithmetic: `${n(minutes)} × ≤ 1 s × 0.25 GB = ${n(relay)} GB-s`,
      usd: relay * P.lambdaArmPerGbSecond,
    },
    {
      item: "Lambda requests (API, relay, generator ticks)",
      arithmetic: `${n(requests)} × $0.20 / 1M`,
      usd: requests * P.lambdaPerRequest,
    },
    {
      item: "CloudWatch Logs",
      arithmetic: `~1 KB × ${n(requests)} invocations ≈ 0.2 GB × $${P.logsIngestPerGb}`,
      usd: 0.2 * P.logsIngestPerGb,
    },
    {
      item: "S3 (uploads and what they keep)",
      arithmetic: "21,900 PUT × $0.005 / 1,000 + < 3 GB × $0.023",
      usd: 0.15,
    },
  ];
}

/** What a private network (infra/network.ts) adds over a public one: NAT, less RDS's IPv4. */
export function natLines(natInstances: number): CostLine[] {
  return [
    {
      item: `NAT: ${natInstances} × fck-nat \`t4g.nano\``,
      arithmetic: `${natInstances} × ${P.hoursPerMonth} h × $${P.t4gNanoPerHour}`,
      usd: natInstances * P.hoursPerMonth * P.t4gNanoPerHour,
    },
    {
      item: `NAT: ${natInstances} Elastic IP(s), none on RDS`,
      arithmetic: `(${natInstances} − 1) × ${P.hoursPerMonth} h × $${P.publicIpv4PerHour}`,
      usd: (natInstances - 1) * P.hoursPerMonth * P.publicIpv4PerHour,
    },
    {
      item: "NAT: root volumes",
      arithmetic: `${natInstances} × ≤ 8 GB × $${P.ebsGp3PerGbMonth}`,
      usd: natInstances * 8 * P.ebsGp3PerGbMonth,
    },
  ];
}

export const total = (lines: readonly CostLine[]) => lines.reduce((sum, l) => sum + l.usd, 0);

/** A markdown table of `lines` with their total. */
export function costTable(lines: readonly CostLine[]): string {
  const rows = lines.map((l) => `| ${l.item} | ${l.arithmetic} | ${money(l.usd)} |`);
  return [
    "| item | arithmetic | $/month |",
    "| --- | --- | --- |",
    ...rows,
    `| **total** | | **${money(total(lines))}** |`,
  ].join("\n");
}
