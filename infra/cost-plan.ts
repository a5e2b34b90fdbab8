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
  lambdaArmPerGbSecond: 0.0000133334,
  lambdaPerRequest: 0.2 / 1e6,
  logsIngestPerGb: 0.5,
  sqsPerRequest: 0.4 / 1e6,
} as const;

/** A generator that holds invocations through every minute: how many alive at once, and their memory. */
export interface GeneratorShape {
  /** ~2 when each tick's invocation waits a minute then fires the next; ~1 for a holder. */
  concurrent: number;
  memoryMb: number;
  /** How `concurrent` reads in the table (e.g. "15/14"). */
  label?: string;
}

/** Issue #16's holder: one invocation serving minute after minute, ~1 minute of overlap per 14. */
export const HOLDER: GeneratorShape = { concurrent: 15 / 14, memoryMb: 256, label: "15/14" };

/**
 * Staging's generator at 150 events/h, below GENERATOR_WAKE_RATE (infra/generator-wake.ts): each
 * minute's delivery prepares the next minute, sends its wake windows and ends; each window is a
 * 128 MB invocation started its lead before its first event. Memories are infra/'s (the mock
 * deploy checks they agree).
 */
export interface WakeShape {
  /** Events per hour of the background stream. */
  eventsPerHour: number;
  /** GENERATOR_WAKE_LEAD_MS, in seconds: a window's head start, and the gap that splits windows. */
  leadSeconds: number;
  /** A delivery's billed time: read the streams, plan the times, send the windows. */
  tickSeconds: number;
  tickMemoryMb: number;
  /**
   * A window's billed time beyond its lead and its events' span: plan the minute and fire (an
   * answer ~0.1 s), plus half a second on average from rounding its delay down to whole seconds.
   */
  windowOverheadSeconds: number;
  wakeMemoryMb: number;
}

export const STAGING_WAKE: WakeShape = {
  eventsPerHour: 150,
  leadSeconds: 3,
  tickSeconds: 1,
  tickMemoryMb: 256,
  windowOverheadSeconds: 1.1,
  wakeMemoryMb: 128,
};

/**
 * Windows a minute of Poisson events at `perSecond` is cut into, where a gap over `gap` seconds
 * starts a new one, and the seconds inside windows (the short gaps' sum): an event starts a window
 * unless another came less than `gap` before it in the same minute.
 */
export function wakeWindowsPerMinute(perSecond: number, gap: number) {
  const l = perSecond;
  const stay = Math.exp(-l * gap);
  const windows = 1 - stay + l * (60 - gap) * stay;
  const events = l * 60;
  // Gaps under `gap` are exponential gaps cut at `gap`: E[X | X < gap].
  const shortGap = 1 / l - (gap * stay) / (1 - stay);
  return { windows, span: (events - windows) * shortGap };
}

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

/** A month of wake windows at `w`'s rate: how many, and the seconds each is billed. */
export function wakeMonth(w: WakeShape) {
  const perMinute = wakeWindowsPerMinute(w.eventsPerHour / 3600, w.leadSeconds);
  const windows = perMinute.windows * minutes;
  const secondsEach = w.leadSeconds + perMinute.span / perMinute.windows + w.windowOverheadSeconds;
  return { windows, secondsEach };
}

/** The generator woken in windows: its ticks, its windows and the queue between them. */
function wakeLines(w: WakeShape): CostLine[] {
  const { windows, secondsEach } = wakeMonth(w);
  const tick = minutes * w.tickSeconds * (w.tickMemoryMb / 1024);
  const wake = windows * secondsEach * (w.wakeMemoryMb / 1024);
  // Sends: one batch per minute. Receives: the event source's 5 long polls of 20 s while the queue
  // is empty (15 a minute), then a receive and a delete per window.
  const sqs = minutes + 15 * minutes + 2 * windows;
  return [
    {
      item: `Lambda generator: a delivery a minute (prepares the next, sends its windows), ${w.tickMemoryMb} MB`,
      arithmetic: `${n(minutes)} × ${w.tickSeconds} s × ${w.tickMemoryMb / 1024} GB = ${n(Math.round(tick))} GB-s`,
      usd: tick * P.lambdaArmPerGbSecond,
    },
    {
      item: `Lambda wake windows (events < ${w.leadSeconds} s apart share one), ${w.wakeMemoryMb} MB`,
      arithmetic: `${n(Math.round(windows))} × (${w.leadSeconds} s lead + ${(secondsEach - w.leadSeconds - w.windowOverheadSeconds).toFixed(2)} s span + ${w.windowOverheadSeconds} s) × ${w.wakeMemoryMb / 1024} GB = ${n(Math.round(wake))} GB-s`,
      usd: wake * P.lambdaArmPerGbSecond,
    },
    {
      item: "SQS (the wake queue)",
      arithmetic: `(${n(minutes)} sends + ${n(15 * minutes)} idle long polls + ${n(Math.round(2 * windows))} receives and deletes) × $0.40 / 1M`,
      usd: sqs * P.sqsPerRequest,
    },
  ];
}

/**
 * Everything but the generator's Lambda time, for a stage without NAT (infra/network.ts: staging);
 * `wakeWindows` a month add their requests and logs.
 */
export function publicStageLines(wakeWindows = 0): CostLine[] {
  const api = eventsPerMonth * 0.1 * 1;
  const relay = minutes * 1 * 0.25;
  const requests = Math.round(eventsPerMonth + 2 * minutes + wakeWindows);
  const logsGb = (requests * 1_000) / 1e9;
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
      item: `Lambda requests (API, relay, generator ticks${wakeWindows ? ", wake windows" : ""})`,
      arithmetic: `${n(requests)} × $0.20 / 1M`,
      usd: requests * P.lambdaPerRequest,
    },
    {
      item: "CloudWatch Logs",
      arithmetic: `~1 KB × ${n(requests)} invocations ≈ ${logsGb.toFixed(2)} GB × $${P.logsIngestPerGb}`,
      usd: logsGb * P.logsIngestPerGb,
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

/** Staging as deployed: the public stage, its generator woken in windows. */
export function stagingLines(w: WakeShape = STAGING_WAKE): CostLine[] {
  return [...publicStageLines(wakeMonth(w).windows), ...wakeLines(w)];
}
