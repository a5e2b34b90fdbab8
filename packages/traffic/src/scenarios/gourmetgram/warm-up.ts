import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { monotonicClock } from "@gg/core/time";
import { runStreamMinute } from "../../minute/index";
import type { ImageIndex } from "./images/index";
import type { KnownState } from "./plan/index";
import { gourmetgramScenario } from "./scenario";
import { httpTarget } from "./target";

const uuid = (p: string, i: number) =>
  `${p}${String(i).padStart(7, "0")}-0000-4000-8000-000000000000`;
const WORLD: KnownState = {
  users: Array.from({ length: 200 }, (_, i) => ({ id: uuid("1", i) })),
  images: Array.from({ length: 200 }, (_, i) => ({
    id: uuid("2", i),
    views: i,
    comments: 0,
    flags: 0,
  })),
};

/**
 * Runs the whole firing path once in a fresh process, before its first real minute: two seconds of
 * synthetic traffic (planning, bodies, keep-alive HTTP) sent to a server on loopback in this same
 * process, which answers 200 and keeps nothing. A shard worker or a cold shard Lambda otherwise
 * fires its first seconds on a cold JIT and starts its minute behind; the schedule gives it the
 * lead to do this instead.
 */
export async function warmUp(dataset: ImageIndex | null, concurrency: number): Promise<void> {
  const server = createServer((req, res) => {
    req.resume();
    req.on("end", () => res.end("{}"));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const target = httpTarget(
    `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    undefined,
    {
      connections: concurrency,
    },
  );
  try {
    const clock = monotonicClock();
    await runStreamMinute(
      gourmetgramScenario({
        target,
        dataset: async () => dataset,
        concurrency,
        state: async () => WORLD,
      }),
      {
        stream: {
          stream_id: uuid("3", 0),
          started_at: new Date().toISOString(),
          config: { rate: "60/s", mix: "uniform", seed: "warm-up" },
        },
        minute: new Date(0),
        // A minute played in 2 s: ~1,800 events/s.
        timing: { scale: 30, startAt: clock.now() },
        clock,
        log: () => {},
      },
    );
  } finally {
    await target.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
  }
}
