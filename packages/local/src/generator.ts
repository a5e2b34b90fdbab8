import type { Runtime } from "@gg/api";
import type { ControlRuntime } from "@gg/control";
import { createGenerator, ensureDefaultStream, scheduledTrigger } from "@gg/traffic/generator";
import { shardPool } from "@gg/traffic/shards";
import * as Streams from "@gg/traffic/streams";
import type { LocalConfig } from "./config";

const say = (line: string) => console.log(line);
const logError = (message: string, e: unknown) =>
  console.error(JSON.stringify({ level: "error", message, error: String(e) }));

/**
 * Drives the generator every minute as the deployed schedule would, by the same rule: a delivery
 * scheduled in minute m prepares minute m + 1 before it begins and fires it. The control plane
 * owns the rule: with GG_LOCAL_STACK=1 its rule fires into its tick queue on LocalStack, drained
 * here; without a schedule an in-process timer delivers at each minute boundary (and once at
 * start, so the next minute is served too). Split minutes go to a pool of warm worker processes.
 * Every stream change and rule sync goes through the control plane's locked path. With no stream
 * running, the env-configured default stream is started, after GENERATOR_INITIAL_USERS/IMAGES
 * are created.
 */
export async function startGenerator(
  config: LocalConfig,
  runtime: Runtime,
  control: ControlRuntime,
  apiUrl: string,
  databaseUrl?: string,
) {
  const settings = config.generatorSettings(apiUrl, runtime.deps.config.apiKey);
  // The env's stream is checked as /stream/start checks one: a bad GENERATOR_* fails the start,
  // not every minute after it.
  Streams.validateStart(settings.defaultStream, control.deps.rateCeilings);
  // A minute above GENERATOR_SHARD_RATE is split over warm worker processes, as over shard
  // Lambdas; the pool starts its workers when the first split minute is prepared.
  const shards = shardPool(new URL("./shard-worker.ts", import.meta.url).pathname, {
    ...settings,
    databaseUrl: databaseUrl ?? settings.databaseUrl,
  });
  const generator = createGenerator(settings, {
    pool: runtime.deps.pool,
    // As deployed, where the generator asks the control plane over POST /stream/sync.
    afterTick: async (tick) => {
      if (tick.completed.length > 0) await control.syncRule();
    },
    invokeShard: shards.invoke,
  });
  const created = await generator.bootstrap();
  if (created.users + created.images > 0) {
    say(`  generator: created ${created.users} initial users, ${created.images} images`);
  }
  const stream = await control.changeStreams((tx) =>
    ensureDefaultStream(tx, settings.defaultStream),
  );
  const running = await Streams.list(generator.pool, "running");
  say(
    `  generator: ${running.length} running stream(s)${stream ? ` (default ${stream.stream_id}, ${String(stream.config.rate)})` : ""}`,
  );

  const ticks = new Set<Promise<unknown>>();
  const deliver = (event: unknown) => {
    const tick = generator
      .serve(scheduledTrigger(event, new Date()))
      .catch((e: unknown) => logError("generator tick", e))
      .finally(() => ticks.delete(tick));
    ticks.add(tick);
  };

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  const queue = control.tickQueue;
  if (queue) {
    const rule = control.deps.schedule?.ruleName;
    say(`  schedule : EventBridge rule ${rule} on LocalStack -> SQS ${queue.name}`);
    void (async () => {
      while (!stopped) {
        const bodies = await queue.receive().catch(async (e: unknown) => {
          logError("tick queue", e);
          await new Promise((r) => setTimeout(r, 5_000));
          return [];
        });
        for (const body of bodies) deliver(parse(body));
      }
    })();
  } else {
    // The next boundary, re-armed each minute from the wall clock so the loop never drifts.
    const arm = () => {
      const next = Math.ceil((Date.now() + 1) / 60_000) * 60_000;
      timer = setTimeout(() => {
        deliver({ time: new Date(next).toISOString() });
        arm();
      }, next - Date.now());
    };
    deliver({ time: new Date().toISOString() });
    arm();
    say("  schedule : in-process timer at every minute boundary, each preparing the next minute");
  }

  return {
    /** Serves `event` as a delivery of the schedule (a kick from the control plane). */
    deliver: async (event: object) => deliver(event),
    async stop() {
      stopped = true;
      clearTimeout(timer);
      // A live minute runs for up to a minute: give in-flight requests a moment, not the minute.
      await Promise.race([
        Promise.allSettled([...ticks]),
        new Promise((r) => setTimeout(r, 3_000)),
      ]);
      await generator.close();
      await shards.close();
    },
  };
}

function parse(body: string): unknown {
  try {
    return JSON.parse(body);
  } catch {
    return {};
  }
}
