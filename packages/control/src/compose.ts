import * as Db from "@gg/core/db";
import * as Kafka from "@gg/core/kafka";
import { createScheduleRules } from "@gg/core/schedule";
import { jsonLogger, type Logger } from "@gg/http";
import * as Streams from "@gg/traffic/streams";
import type { ControlDeps, TrafficSchedule } from "./deps";
import { prepareLocalSchedule, type TickQueue } from "./local-schedule";
import type { ControlSettings } from "./settings";

export interface ControlRuntime {
  deps: ControlDeps;
  /** Local runs on LocalStack: the queue the rule fires into, which the local runner drains. */
  tickQueue: TickQueue | null;
  /**
   * A change to the streams, then the rule brought in line, in one transaction under the rule's
   * advisory lock (Streams.withRuleSync): the only way anything in this process writes the rule.
   */
  changeStreams<T>(change: (tx: Db.PoolClient) => Promise<T>): Promise<T>;
  /** Brings the rule in line with the persisted streams (after a tick completed one). */
  syncRule(): Promise<Streams.RuleSync>;
  close(): Promise<void>;
}

/**
 * Build the control plane's dependencies once per process (Lambda module scope, `pnpm start`).
 * Deployed, this makes no call: the rule and its target exist. Locally on LocalStack it finds or
 * creates the tick queue and the rule, then syncs the rule with the persisted streams, so a
 * restart picks up where the last run left off. Without a schedule, `rules` is null.
 */
export async function buildControlRuntime(
  settings: ControlSettings,
  log: Logger = jsonLogger,
): Promise<ControlRuntime> {
  const pool = Db.createPool({
    connectionString: settings.databaseUrl,
    max: settings.databasePoolSize,
    applicationName: "gourmetgram-control",
  });
  const kafka = settings.kafka ? Kafka.createKafka(settings.kafka) : undefined;
  const producer = kafka ? Kafka.createProducer(kafka) : undefined;
  const close = async () => {
    await producer?.disconnect().catch(() => {});
    await pool.end();
  };
  const s = settings.schedule;
  const rules = s ? createScheduleRules(s.aws) : null;
  let schedule: TrafficSchedule | null = null;
  let tickQueue: TickQueue | null = null;
  try {
    if (s && rules && s.queueName) {
      tickQueue = await prepareLocalSchedule({ ...s, queueName: s.queueName }, rules);
      schedule = { ruleName: s.ruleName, targetId: s.targetId, targetArn: tickQueue.arn };
      const sync = await Streams.syncRule(pool, rules, schedule);
      logSync(log, s.ruleName, sync);
    } else if (s?.targetArn) {
      schedule = { ruleName: s.ruleName, targetId: s.targetId, targetArn: s.targetArn };
    }
  } catch (e) {
    await close();
    throw e;
  }
  return {
    deps: {
      pool,
      rules,
      schedule,
      kafka,
      producer,
      clickstreamTopics: settings.clickstreamTopics,
      apiKey: settings.apiKey,
      allowedHosts: settings.allowedHosts,
      rateCeilings: settings.rateCeilings,
      log,
    },
    tickQueue,
    async changeStreams(change) {
      const { result, sync } = await Streams.withRuleSync(pool, rules, schedule, change);
      if (schedule) logSync(log, schedule.ruleName, sync);
      return result;
    },
    async syncRule() {
      const sync = await Streams.syncRule(pool, rules, schedule);
      if (schedule && sync.changes.length > 0) logSync(log, schedule.ruleName, sync);
      return sync;
    },
    close,
  };
}

function logSync(log: Logger, rule: string, sync: Streams.RuleSync) {
  log.info("traffic rule synced", {
    rule,
    state: sync.rule?.state,
    running: sync.running,
    changes: sync.changes,
  });
}
