// What a stage must be to hold its capacity (the highest event rate it is sized for): the sizing
// arithmetic as a pure function, so unit tests and the README table read the same numbers. No
// SST globals here; infra/capacity.ts applies the plan to the stage's resources.
import { natLines, total } from "./cost-plan";

/**
 * The model's inputs. Measured on this project's own stack (the commit that set them says how): a
 * write's round trips (one statement for the row, its event and its key; then the flush, two more
 * and one produce, before a Lambda answers) and Postgres's CPU per event. Still guesses, since
 * nothing here reaches AWS: the latency of those round trips in the VPC, of MSK's acks=all produce
 * and of an S3 PUT, and an RDS vCPU being worth one of ours.
 */
export const MODEL = {
  /**
   * The API's mean request time on a 1 GB arm64 Lambda for the realistic mix: three round trips
   * and a produce per write, an S3 PUT too for the 7% uploads. About twice the sum of the assumed
   * AWS latencies: a guess, to re-measure on a real stage.
   */
  apiSecondsPerEvent: 0.02,
  /** Concurrency headroom over Little's law: Poisson bursts and slow tails (cold starts, p99). */
  apiHeadroom: 1.5,
  /**
   * Events/s one vCPU of Postgres sustains at ~60% CPU, each event a write statement and its share
   * of a flush (the fetch and mark, two commits). Measured with single writes, as Lambdas send them.
   */
  eventsPerVcpuSecond: 700,
  /** Connections each function instance opens (functions/config.ts DATABASE_POOL_SIZE): an
   * instance serves one request at a time: one connection for its write, one for its flush. */
  poolPerInstance: 2,
  /**
   * Connection time per event, for the backend connections the proxy must keep open: the write
   * statement, and the flush's transaction, which stays open across the produce (measured shorter
   * locally; MSK's produce is slower than a local broker's).
   */
  transactionSeconds: 0.008,
  /** One generator invocation fires this many events/s on time (4 shards × 1,500 = 6,000/s). */
  eventsPerGeneratorShard: 1_500,
  /** Kafka: events/s one partition of a topic carries with room for its consumers. */
  eventsPerPartitionSecond: 500,
  /** Stored per event kept: the row, its outbox event, its idempotency record, the log row. */
  bytesPerEvent: 1_500,
} as const;

/** RDS instance classes we size from, cheapest first (us-east-1 on-demand, single-AZ). */
export const DB_CLASSES = [
  // Burstable: only their baseline CPU (10% / 20% of 2 vCPU) is sustainable.
  { instance: "t4g.micro", vcpu: 2, baselineVcpu: 0.2, memoryGib: 1, usdPerHour: 0.016 },
  { instance: "t4g.medium", vcpu: 2, baselineVcpu: 0.4, memoryGib: 4, usdPerHour: 0.065 },
  { instance: "m7g.large", vcpu: 2, baselineVcpu: 2, memoryGib: 8, usdPerHour: 0.168 },
  { instance: "m7g.xlarge", vcpu: 4, baselineVcpu: 4, memoryGib: 16, usdPerHour: 0.336 },
  { instance: "m7g.2xlarge", vcpu: 8, baselineVcpu: 8, memoryGib: 32, usdPerHour: 0.672 },
  { instance: "m7g.4xlarge", vcpu: 16, baselineVcpu: 16, memoryGib: 64, usdPerHour: 1.344 },
  { instance: "m7g.8xlarge", vcpu: 32, baselineVcpu: 32, memoryGib: 128, usdPerHour: 2.688 },
] as const;

const HOURS_PER_MONTH = 730;
const SECONDS_PER_MONTH = HOURS_PER_MONTH * 3600;
const LAMBDA_USD_PER_GB_SECOND = 0.0000133334; // arm64
const LAMBDA_USD_PER_REQUEST = 0.2 / 1e6;
const PROXY_USD_PER_VCPU_HOUR = 0.015; // billed on the instance's vCPUs, at least 2
const GP3_USD_PER_GB_MONTH = 0.115;
/**
 * Everything that does not scale on a stage without NAT (infra/cost-plan.ts has the lines): RDS's
 * public IPv4, the secret, the zone, the relay. A private network adds its fck-nat per AZ.
 */
const FIXED_USD_PER_MONTH = 3.65 + 0.4 + 0.5 + 0.15;
const NAT_USD_PER_MONTH = total(natLines(2));
/** Connections RDS keeps for itself (rdsadmin, superuser reserve). */
const RESERVED_CONNECTIONS = 3;
/** Client connections we let the API open straight to Postgres before we put RDS Proxy between. */
const MAX_DIRECT_CLIENTS = 400;
/** Lambda's default per-region limit; reserving more than this minus 100 needs a quota raise. */
export const ACCOUNT_CONCURRENCY = 1_000;

export interface CapacityPlan {
  eventsPerSecond: number;
  /** Reserved concurrency of the API function: Little's law with headroom. */
  apiConcurrency: number;
  /** Generator invocations a minute at capacity (the shards of part 1 of issue 13). */
  generatorShards: number;
  poolPerInstance: number;
  /** Client connections the API alone may open (concurrency × pool). */
  apiConnections: number;
  /** Backend connections the transactions need at capacity (rate × transaction time, ×2). */
  busyConnections: number;
  db: {
    instance: string;
    vcpu: number;
    /** Postgres's default max_connections for the class: memory / 9,531,392 bytes, ≤ 5,000. */
    maxConnections: number;
    /** RDS Proxy in front when the API's clients would not fit the instance's connections. */
    proxy: boolean;
    /** The storage autoscaling ceiling: three days at capacity, at least 20 GB. */
    storageGb: number;
  };
  /** Partitions of each GourmetGram topic, created by the migrate function. */
  kafkaPartitions: number;
  /** US$ a month: `idle` with no traffic, `atCapacity` running at the capacity 24/7. */
  usdPerMonth: { idle: number; atCapacity: number };
}

/**
 * The sizing for a stage that must hold `eventsPerSecond` (the highest rate it will be sent). Its
 * cost counts NAT when `privateNetwork` (default: when RDS Proxy is needed, which only a VPC
 * reaches; production is private too: infra/stage-policy.ts).
 */
export function capacityPlan(
  eventsPerSecond: number,
  options: { privateNetwork?: boolean } = {},
): CapacityPlan {
  if (!(eventsPerSecond > 0) || !Number.isFinite(eventsPerSecond)) {
    throw new Error(`capacity must be a positive number of events/s, not ${eventsPerSecond}`);
  }
  const r = eventsPerSecond;
  const apiConcurrency = Math.max(5, Math.ceil(r * MODEL.apiSecondsPerEvent * MODEL.apiHeadroom));
  const generatorShards = Math.ceil(r / MODEL.eventsPerGeneratorShard);
  const apiConnections = apiConcurrency * MODEL.poolPerInstance;
  const busyConnections = Math.ceil(2 * r * MODEL.transactionSeconds);
  const cls =
    DB_CLASSES.find((c) => c.baselineVcpu * MODEL.eventsPerVcpuSecond >= r) ?? DB_CLASSES.at(-1)!;
  const maxConnections = Math.min(5_000, Math.floor((cls.memoryGib * 2 ** 30) / 9_531_392));
  // Without a proxy every instance of every function holds its pool open: keep a quarter of the
  // connections for the relay, the generator, the control plane and a psql. Past a few hundred
  // clients the proxy pays anyway: frozen Lambdas hold idle backends (~10 MB each) and a scale-out
  // opens hundreds of TLS connections at once, which the proxy absorbs and multiplexes.
  const proxy =
    apiConnections > Math.min(0.75 * (maxConnections - RESERVED_CONNECTIONS), MAX_DIRECT_CLIENTS);
  const storageGb = Math.max(20, Math.ceil((r * 86_400 * 3 * MODEL.bytesPerEvent) / 1e9));
  const kafkaPartitions = Math.max(3, Math.ceil(r / MODEL.eventsPerPartitionSecond));

  const dbUsd = cls.usdPerHour * HOURS_PER_MONTH;
  const proxyUsd = proxy ? Math.max(2, cls.vcpu) * PROXY_USD_PER_VCPU_HOUR * HOURS_PER_MONTH : 0;
  const natUsd = (options.privateNetwork ?? proxy) ? NAT_USD_PER_MONTH : 0;
  const idle = FIXED_USD_PER_MONTH + natUsd + dbUsd + proxyUsd + 20 * GP3_USD_PER_GB_MONTH;
  const events = r * SECONDS_PER_MONTH;
  const apiUsd =
    events * MODEL.apiSecondsPerEvent * 1 * LAMBDA_USD_PER_GB_SECOND +
    events * LAMBDA_USD_PER_REQUEST;
  // Each shard is invoked 20 s before its minute (issue 16) and runs it at 256 MB: 80 s a minute.
  const generatorUsd =
    generatorShards * SECONDS_PER_MONTH * (80 / 60) * 0.25 * LAMBDA_USD_PER_GB_SECOND;
  // Storage billed for what a month at capacity keeps (up to the ceiling), beyond the 20 GB.
  const storedGb = Math.min(storageGb, (events * MODEL.bytesPerEvent) / 1e9);
  const storageUsd = Math.max(0, storedGb - 20) * GP3_USD_PER_GB_MONTH;
  return {
    eventsPerSecond: r,
    apiConcurrency,
    generatorShards,
    poolPerInstance: MODEL.poolPerInstance,
    apiConnections,
    busyConnections,
    db: { instance: cls.instance, vcpu: cls.vcpu, maxConnections, proxy, storageGb },
    kafkaPartitions,
    usdPerMonth: {
      idle: Math.round(idle),
      atCapacity: Math.round(idle + apiUsd + generatorUsd + storageUsd),
    },
  };
}
