import type { Logger } from "@gg/api";
import type { Pool } from "@gg/core/db";
import * as Outbox from "@gg/core/outbox";

/**
 * The outbox relay on its schedule, as deployed (functions/relay.ts on a rate(1 minute) rule):
 * every `periodSeconds`, drain the outbox, then prune what was sent long ago. The API flushes
 * after each write; this is what empties a backlog left by a Kafka outage when no request comes.
 */
export function startRelaySchedule(
  relay: Outbox.Relay,
  pool: Pool,
  periodSeconds: number,
  log: Logger,
) {
  let running: Promise<void> | undefined;
  const run = async () => {
    // drain() ignores the back-off the failed request flushes opened: the schedule is the retry.
    const result = await relay.drain();
    const pruned = await Outbox.prune(pool).catch(() => 0);
    if (result.sent > 0 || result.error || pruned > 0) {
      log.info("outbox relay", { ...result, pruned });
    }
  };
  const timer = setInterval(() => {
    running ??= run()
      .catch((e: unknown) => log.error("outbox relay", { error: String(e) }))
      .finally(() => {
        running = undefined;
      });
  }, periodSeconds * 1_000);
  return {
    /** Stops the schedule and waits for a drain in progress. */
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
