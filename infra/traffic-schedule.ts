import { physicalPrefix, trafficOnByDefault } from "./stage";

// The EventBridge rule that drives the generator is created in infra/generator.ts, after the API
// (the generator links the API's URL). The API, which enables and disables that rule, must know
// it first, so the rule and the generator get fixed physical names and their ARNs are built
// here: no API -> rule -> generator -> API cycle.
export const ruleName = `${physicalPrefix}-traffic`;
export const generatorName = `${physicalPrefix}-generator`;
/** The single target id on the rule; the API's PutTargets reuses it so there is never a second. */
export const targetId = "generator";

const { partition } = aws.getPartitionOutput();
const { region } = aws.getRegionOutput();
const { accountId } = aws.getCallerIdentityOutput();
const ruleArn = $interpolate`arn:${partition}:events:${region}:${accountId}:rule/${ruleName}`;
const generatorArn = $interpolate`arn:${partition}:lambda:${region}:${accountId}:function:${generatorName}`;

/** Resource.TrafficSchedule: what the control API needs to start and stop background traffic. */
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
  ],
});
