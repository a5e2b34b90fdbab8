import { physicalPrefix, trafficOnByDefault } from "./stage";

// The EventBridge rule that drives the generator is created in infra/generator.ts. The control
// function switches it and names the generator as its target; the generator itself switches it
// off when its last stream ends, so it links its own ARN. Fixed physical names, with the ARNs
// built here, make that possible without a generator -> TrafficSchedule -> generator cycle.
export const ruleName = `${physicalPrefix}-traffic`;
export const generatorName = `${physicalPrefix}-generator`;
/** The single target id on the rule; the control plane's PutTargets reuses it, never a second. */
export const targetId = "generator";

const { partition } = aws.getPartitionOutput();
const { region } = aws.getRegionOutput();
const { accountId } = aws.getCallerIdentityOutput();
const ruleArn = $interpolate`arn:${partition}:events:${region}:${accountId}:rule/${ruleName}`;
const generatorArn = $interpolate`arn:${partition}:lambda:${region}:${accountId}:function:${generatorName}`;

/**
 * Resource.TrafficSchedule: what the control plane needs to start and stop background traffic
 * (the generator and the migrate function read it too), with IAM on this one rule only, and on
 * invoking the generator: a stream started while the rule is off kicks it at once (its first
 * scheduled delivery would come a minute or two later).
 */
export const trafficSchedule = new sst.Linkable("TrafficSchedule", {
  properties: { ruleName, ruleArn, targetId, generatorArn, onByDefault: trafficOnByDefault },
  include: [
    sst.aws.permission({
      actions: [
        "events:EnableRule",
        "events:DisableRule",
        "events:DescribeRule",
        "events:PutTargets",
        "events:ListTargetsByRule",
      ],
      resources: [ruleArn],
    }),
    sst.aws.permission({ actions: ["lambda:InvokeFunction"], resources: [generatorArn] }),
  ],
});
