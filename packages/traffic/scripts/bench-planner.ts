/**
 * CPU time per planned event: plans consecutive minutes at a few rates against a known state
 * (users, images with engagement) and prints µs of process CPU per event, then splits the
 * realistic-mix cost into a fixed per-minute part and a marginal per-event part.
 *
 *   npx tsx packages/traffic/scripts/bench-planner.ts [minutes=200]
 */
import { createRandom } from "@gg/core/random";
import { bundledFood11Root, food11Index } from "../src/scenarios/gourmetgram/images/index";
import {
  type KnownState,
  PlannerConfig,
  planMinute,
} from "../src/scenarios/gourmetgram/plan/index";

const minutes = Number(process.argv[2] ?? 200);
const dataset = await food11Index(bundledFood11Root());
const r = createRandom("bench", "state");
const users = Array.from({ length: 20_000 }, () => ({ id: r.uuid() }));
const state: KnownState = {
  users,
  images: Array.from({ length: 50_000 }, (_, i) => ({
    id: r.uuid(),
    userId: users[i % users.length]!.id,
    views: r.int(0, 500),
    comments: r.int(0, 20),
    flags: r.int(0, 3),
  })),
};

const cases = [
  { name: "3000/h uniform", rate: "3000/h", mix: "uniform" },
  { name: "10/s uniform", rate: "10/s", mix: "uniform" },
  { name: "10/s realistic", rate: "10/s", mix: "realistic" },
  { name: "100/s realistic", rate: "100/s", mix: "realistic" },
  { name: "10/s views only, no state", rate: "10/s", mix: "view=1", empty: true },
] as const;

const perMinuteCost = new Map<string, { cpuMs: number; events: number }>();
console.log(
  `${minutes} minutes each; state: ${state.users.length} users, ${state.images.length} images`,
);
for (const c of cases) {
  const config = PlannerConfig.parse({ rate: { base: c.rate }, mix: c.mix });
  const s = "empty" in c ? { users: [], images: [] } : state;
  planMinute({ seed: 1, minute: new Date(0), config, state: s, dataset }); // warm-up (JIT, Faker init)
  const t0 = process.cpuUsage();
  const w0 = performance.now();
  let events = 0;
  for (let m = 0; m < minutes; m++) {
    const plan = planMinute({
      seed: 1,
      minute: new Date(Date.UTC(2026, 10, 23) + m * 60_000),
      config,
      state: s,
      dataset,
    });
    events += plan.events.length;
  }
  const cpu = process.cpuUsage(t0);
  const cpuMs = (cpu.user + cpu.system) / 1000;
  const perMinute = cpuMs / minutes;
  perMinuteCost.set(c.name, { cpuMs: perMinute, events: events / minutes });
  console.log(
    `${c.name.padEnd(28)} ${String(events).padStart(8)} events  ${((cpuMs * 1000) / events).toFixed(2).padStart(6)} µs CPU/event  ${perMinute.toFixed(2).padStart(7)} ms CPU/minute  (${(performance.now() - w0).toFixed(0)} ms wall)`,
  );
}

// The state is indexed once per minute (segment hash per user, Fenwick build over images): a
// fixed cost. The slope between two rates on the same state is the cost of one more event.
const lo = perMinuteCost.get("10/s realistic")!;
const hi = perMinuteCost.get("100/s realistic")!;
const marginal = ((hi.cpuMs - lo.cpuMs) * 1000) / (hi.events - lo.events);
const fixed = lo.cpuMs - (marginal * lo.events) / 1000;
console.log(
  `realistic mix: ${marginal.toFixed(2)} µs CPU per extra event; ~${fixed.toFixed(1)} ms fixed per minute for this state`,
);
