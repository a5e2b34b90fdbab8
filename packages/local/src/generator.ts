import type { Runtime } from "@gg/api";
import { createGenerator, type Generator, scheduledMinute } from "@gg/traffic/runner";
import * as Streams from "@gg/traffic/streams";
import type { LocalConfig } from "./config";
import { prepareLocalStackTicks } from "./schedule-local-stack";

const say = (line: string) => console.log(line);

/**
 * Drives the generator every minute as the deployed schedule would. With GG_LOCAL_STACK=1 the
 * schedule itself runs on LocalStack (EventBridge rule → SQS queue, drained here); otherwise an
 * in-process timer ticks at each minute boundary. With no stream running, the env-configured
 * default stream is started, after GENERATOR_INITIAL_USERS/IMAGES are created.
 */
export async function startGenerator(
  config: LocalConfig,
  runtime: Runtime,
  apiUrl: string,
  ceilings: Streams.RateCeilings,
) {
  const settings = config.generatorSettings(apiUrl, runtime.deps.config.apiKey);
  // The env's stream is checked as /stream/start checks one: a bad GENERATOR_* fails the start,
  // not every minute after it.
  Streams.validateStart(settings.defaultStream, ceilings);
  const generator = createGenerator(settings, { pool: runtime.deps.pool });
  const created = await generator.bootstrap();
  if (created.users + created.images > 0) {
    say(`  generator: created ${created.users} initial users, ${created.images} images`);
  }
  const stream = await generator.ensureDefaultStream();
  const running = await Streams.list(generator.pool, "running");
  say(
    `  generator: ${running.length} running stream(s)${stream ? ` (default ${stream.stream_id}, ${String(stream.config.rate)})` : ""}`,
  );

  const ticks = new Set<Promise<unknown>>();
  const run = (minute: Date) => {
    const tick = generator
      .tick(minute)
      .then(async (result) => {
        if (result.completed.length > 0) await afterCompleted(generator);
      })
      .catch((e: unknown) =>
        console.error(
          JSON.stringify({ level: "error", message: "generator tick", error: String(e) }),
        ),
      )
      .finally(() => ticks.delete(tick));
    ticks.add(tick);
  };
  let afterCompleted = async (_: Generator) => {};

  let stopped = false;
  let timer: NodeJS.Timeout | undefined;
  if (config.schedule) {
    const local = await prepareLocalStackTicks(config.schedule);
    await local.sync(running.length > 0);
    afterCompleted = async (g) => local.sync((await Streams.list(g.pool, "running")).length > 0);
    say(
      `  schedule : EventBridge rule ${config.schedule.ruleName} on LocalStack -> SQS ${config.schedule.queueName}`,
    );
    void (async () => {
      while (!stopped) {
        const messages = await local.queues
          .receiveAndDelete(local.queueUrl, { waitSeconds: 20 })
          .catch(async (e: unknown) => {
            console.error(
              JSON.stringify({ level: "error", message: "tick queue", error: String(e) }),
            );
            await new Promise((r) => setTimeout(r, 5_000));
            return [];
          });
        for (const m of messages) run(scheduledMinute(parse(m.body), new Date()));
      }
    })();
  } else {
    // The next boundary, re-armed each minute from the wall clock so the loop never drifts.
    const arm = () => {
      const next = Math.ceil((Date.now() + 1) / 60_000) * 60_000;
      timer = setTimeout(() => {
        run(new Date(next));
        arm();
      }, next - Date.now());
    };
    arm();
    say("  schedule : in-process timer, one tick at the start of every minute");
  }

  return {
    async stop() {
      stopped = true;
      clearTimeout(timer);
      // A live minute runs for up to a minute: give in-flight requests a moment, not the minute.
      await Promise.race([
        Promise.allSettled([...ticks]),
        new Promise((r) => setTimeout(r, 3_000)),
      ]);
      await generator.close();
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
