/**
 * CPU time per planned event: plans consecutive minutes at a few rates against a known state
 * (users, images with engagement) and prints µs of process CPU per event.
 *
 *   npx tsx packages/traffic/scripts/bench-planner.ts [minutes=200]
 */
import { createRandom } from "@gg/core/random";
import { bundledFood11Root, food11Index } from "../src/images/index";
import { type KnownState, PlannerConfig, planMinute } from "../src/plan/index";

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
  console.log(
    `${c.name.padEnd(28)} ${String(events).padStart(8)} events  ${((cpuMs * 1000) / events).toFixed(2).padStart(6)} µs CPU/event  ${perMinute.toFixed(2).padStart(7)} ms CPU/minute  (${(performance.now() - w0).toFixed(0)} ms wall)`,
  );
}
