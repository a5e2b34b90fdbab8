import { type Pool, type PoolClient, withTransaction } from "@gg/core/db";
import { AppError } from "@gg/core/errors";
import type { RuleDescription, ScheduleRules } from "@gg/core/schedule";

/** The rule that fires the generator and the one target it must have while streams run. */
export interface RuleRef {
  ruleName: string;
  targetId: string;
  targetArn: string;
}

/** What a sync found and did: running streams, and the rule as it now is (null: no schedule). */
export interface RuleSync {
  running: number;
  rule: RuleDescription | null;
  /** The EventBridge calls made, in order (empty when the rule already agreed). */
  changes: ("PutTargets" | "EnableRule" | "DisableRule")[];
}

// One lock for every writer of the rule (control API instances, the generator): the sync that
// runs last always reads the streams after every change that preceded it, so the rule converges.
const LOCK_KEY = 0x6767_7275; // "ggru"

/**
 * Runs `change` and then the rule sync in one transaction under an advisory lock: the rule is
 * ENABLED (with our target) while any stream runs, DISABLED when none does. When EventBridge
 * refuses, the transaction rolls back, so a stream is never left started with the rule off (or
 * stopped with it on). With no schedule (`rules` or `ref` null) only `change` runs.
 */
export async function withRuleSync<T>(
  pool: Pool,
  rules: ScheduleRules | null,
  ref: RuleRef | null,
  change: (tx: PoolClient) => Promise<T>,
): Promise<{ result: T; sync: RuleSync }> {
  return withTransaction(pool, async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1)", [LOCK_KEY]);
    const result = await change(tx);
    // Read after the change and after the lock: READ COMMITTED takes a fresh snapshot per
    // statement, so this sees every stream change committed before we got the lock.
    const { rows } = await tx.query<{ n: number }>(
      "SELECT count(*)::int AS n FROM traffic_streams WHERE status = 'running'",
    );
    const running = rows[0]?.n ?? 0;
    if (!rules || !ref) return { result, sync: { running, rule: null, changes: [] } };
    return { result, sync: { running, ...(await applyRule(rules, ref, running > 0)) } };
  });
}

/**
 * Makes the rule agree with the streams now (idempotent; reads only when it already agrees).
 * The generator calls it after a tick that completed streams, and whenever it finds none running.
 */
export async function syncRule(
  pool: Pool,
  rules: ScheduleRules | null,
  ref: RuleRef | null,
): Promise<RuleSync> {
  return (await withRuleSync(pool, rules, ref, async () => undefined)).sync;
}

async function applyRule(rules: ScheduleRules, ref: RuleRef, on: boolean) {
  const rule = await rules.describe(ref.ruleName);
  if (!rule) {
    throw new AppError("INTERNAL", `traffic rule ${ref.ruleName} does not exist`, {
      dependency: "eventbridge",
    });
  }
  const changes: RuleSync["changes"] = [];
  const targeted = rule.targets.some((t) => t.id === ref.targetId && t.arn === ref.targetArn);
  // Enable before PutTargets: LocalStack (4.13) fixes a scheduled job's on/off when the target
  // is put, and adds a job per PutTargets (hence only when missing); AWS minds neither. No input:
  // the target gets the scheduled event itself, whose `time` names the minute.
  if (on && rule.state !== "ENABLED") {
    await rules.enable(ref.ruleName);
    changes.push("EnableRule");
  }
  if (on && !targeted) {
    await rules.putTarget({
      rule: ref.ruleName,
      id: ref.targetId,
      arn: ref.targetArn,
      input: undefined,
    });
    changes.push("PutTargets");
  }
  if (!on && rule.state !== "DISABLED") {
    await rules.disable(ref.ruleName);
    changes.push("DisableRule");
  }
  const targets =
    on && !targeted
      ? [
          ...rule.targets.filter((t) => t.id !== ref.targetId),
          { id: ref.targetId, arn: ref.targetArn, input: undefined },
        ]
      : rule.targets;
  return {
    rule: { ...rule, state: on ? "ENABLED" : "DISABLED", targets } satisfies RuleDescription,
    changes,
  };
}
