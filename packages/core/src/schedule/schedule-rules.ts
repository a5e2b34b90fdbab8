import {
  DeleteRuleCommand,
  DescribeRuleCommand,
  DisableRuleCommand,
  EnableRuleCommand,
  EventBridgeClient,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
  RemoveTargetsCommand,
} from "@aws-sdk/client-eventbridge";
import { type AwsConfig, awsErrorName, clientConfig, fromAwsError } from "../aws/index";
import { AppError } from "../errors/index";

export interface RuleTarget {
  id: string;
  arn: string;
  /** The constant JSON EventBridge delivers to the target instead of the scheduled event. */
  input: unknown;
}

export interface RuleDescription {
  name: string;
  arn: string;
  state: "ENABLED" | "DISABLED";
  scheduleExpression: string | undefined;
  description: string | undefined;
  targets: RuleTarget[];
}

export interface ScheduleRules {
  /** Creates or updates a rule; returns its ARN. */
  putRule(rule: {
    name: string;
    scheduleExpression: string;
    enabled: boolean;
    description?: string;
  }): Promise<string>;
  /** Adds or replaces (same id) one target; `input` is sent as JSON. */
  putTarget(target: { rule: string } & RuleTarget): Promise<void>;
  enable(name: string): Promise<void>;
  disable(name: string): Promise<void>;
  /** The rule and its targets, or null when there is no such rule. */
  describe(name: string): Promise<RuleDescription | null>;
  /** Removes the rule's targets, then the rule (EventBridge refuses the other order). */
  deleteRule(name: string): Promise<void>;
}

/** EventBridge schedule rules (LocalStack when `endpoint` is set); errors become AppError. */
export function createScheduleRules(config: AwsConfig): ScheduleRules {
  const eb = new EventBridgeClient(clientConfig(config));
  const fail =
    (action: string) =>
    (e: unknown): never => {
      throw fromAwsError(e, "eventbridge", action);
    };
  const notFound = (e: unknown) => awsErrorName(e) === "ResourceNotFoundException";
  const targetsOf = async (rule: string): Promise<RuleTarget[]> => {
    const targets: RuleTarget[] = [];
    let token: string | undefined;
    do {
      const page = await eb.send(new ListTargetsByRuleCommand({ Rule: rule, NextToken: token }));
      for (const t of page.Targets ?? []) {
        targets.push({ id: t.Id ?? "", arn: t.Arn ?? "", input: parseInput(t.Input) });
      }
      token = page.NextToken;
    } while (token);
    return targets;
  };

  return {
    async putRule({ name, scheduleExpression, enabled, description }) {
      const out = await eb
        .send(
          new PutRuleCommand({
            Name: name,
            ScheduleExpression: scheduleExpression,
            State: enabled ? "ENABLED" : "DISABLED",
            Description: description,
          }),
        )
        .catch(fail(`put rule ${name}`));
      return out.RuleArn ?? "";
    },
    async putTarget({ rule, id, arn, input }) {
      const out = await eb
        .send(
          new PutTargetsCommand({
            Rule: rule,
            Targets: [{ Id: id, Arn: arn, Input: JSON.stringify(input) }],
          }),
        )
        .catch(fail(`put target ${id} on ${rule}`));
      // PutTargets reports per-target failures in a 200 answer rather than throwing.
      const failed = out.FailedEntries?.[0];
      if ((out.FailedEntryCount ?? 0) > 0 && failed) {
        throw new AppError(
          "INTERNAL",
          `put target ${id} on ${rule}: ${failed.ErrorCode}: ${failed.ErrorMessage}`,
          { dependency: "eventbridge" },
        );
      }
    },
    async enable(name) {
      await eb.send(new EnableRuleCommand({ Name: name })).catch(fail(`enable ${name}`));
    },
    async disable(name) {
      await eb.send(new DisableRuleCommand({ Name: name })).catch(fail(`disable ${name}`));
    },
    async describe(name) {
      try {
        const rule = await eb.send(new DescribeRuleCommand({ Name: name }));
        return {
          name: rule.Name ?? name,
          arn: rule.Arn ?? "",
          // ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS is still enabled for our purposes.
          state: rule.State?.startsWith("ENABLED") ? "ENABLED" : "DISABLED",
          scheduleExpression: rule.ScheduleExpression,
          description: rule.Description,
          targets: await targetsOf(name),
        };
      } catch (e) {
        if (notFound(e)) return null;
        return fail(`describe ${name}`)(e);
      }
    },
    async deleteRule(name) {
      try {
        const ids = (await targetsOf(name)).map((t) => t.id);
        if (ids.length > 0) await eb.send(new RemoveTargetsCommand({ Rule: name, Ids: ids }));
        await eb.send(new DeleteRuleCommand({ Name: name }));
      } catch (e) {
        if (notFound(e)) return;
        fail(`delete rule ${name}`)(e);
      }
    },
  };
}

function parseInput(input: string | undefined): unknown {
  if (input === undefined) return undefined;
  try {
    return JSON.parse(input);
  } catch {
    return input;
  }
}
