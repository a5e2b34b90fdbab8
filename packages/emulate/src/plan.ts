import type { MockDeployment, MockResource } from "../../../infra/scripts/mock-types";
import { ACCOUNT, REGION, sqsQueueUrl } from "../../../infra/scripts/mock-values";

// What `emulate up` deploys, read off sst.config.ts evaluated under Pulumi's mocks (SST's real
// components expand into the AWS resources a deploy would create): no second hand-written list
// of functions, handlers, links or schedules.

type Inputs = Record<string, unknown>;
export type Links = Record<string, Record<string, unknown>>;

export interface FunctionPlan {
  /** Pulumi's name of the aws:lambda Function, e.g. `ApiFunction`. */
  logical: string;
  name: string;
  /** As written in infra/, e.g. `functions/api.handler`: what to bundle. */
  source: string;
  /** As deployed, e.g. `bundle.handler`. */
  handler: string;
  runtime: string;
  architectures: string[];
  memorySize: number;
  timeout: number;
  /** Reserved concurrency infra/ sets (`concurrency.reserved`), or undefined for none. */
  reservedConcurrency?: number;
  role: string;
  /** The variables infra/ sets, without SST's encrypted-links pointer. */
  environment: Record<string, string>;
  /** What the function reads as `Resource.<Name>`, as SST resolved it. */
  links: Links;
  copyFiles: { from: string; to: string }[];
}

export interface UrlPlan {
  logical: string;
  functionName: string;
  authType: string;
  invokeMode: string;
  cors: Inputs | undefined;
}

interface PermissionPlan {
  statementId: string;
  functionName: string;
  action: string;
  principal: string;
  sourceArn: string | undefined;
  functionUrlAuthType: string | undefined;
}

export interface RulePlan {
  logical: string;
  name: string;
  scheduleExpression: string;
  state: "ENABLED" | "DISABLED";
  targets: { id: string; arn: string; input: string | undefined }[];
  /**
   * An EventBridge Scheduler schedule in infra/ (SST's CronV2): LocalStack's community Scheduler
   * stores schedules but never fires them, so it is deployed as a rule with the same expression.
   */
  fromSchedule: boolean;
}

export interface QueuePlan {
  logical: string;
  name: string;
  /** Its URL as the mocks resolve it: the value a function's link holds, replaced by LocalStack's. */
  url: string;
  fifo: boolean;
  /** SQS attributes infra/ sets (VisibilityTimeout, DelaySeconds, MessageRetentionPeriod). */
  attributes: Record<string, string>;
}

export interface EventSourceMappingPlan {
  logical: string;
  /** The queue it polls, by physical name (a queue of the plan). */
  queueName: string;
  functionName: string;
  batchSize: number;
  maximumBatchingWindowInSeconds: number;
  functionResponseTypes: string[];
}

export interface Plan {
  stage: string;
  functions: FunctionPlan[];
  urls: UrlPlan[];
  permissions: PermissionPlan[];
  rules: RulePlan[];
  invocations: { logical: string; functionName: string; input: string; triggers: unknown }[];
  eventInvokeConfigs: { functionName: string; maximumRetryAttempts: number | undefined }[];
  queues: QueuePlan[];
  eventSourceMappings: EventSourceMappingPlan[];
  bucket: string;
}

/** LocalStack's default account: the mocks' ARNs are rewritten to it. */
const LOCAL_ACCOUNT = "000000000000";

const byType = (d: MockDeployment, type: string) => d.resources.filter((r) => r.type === type);
const str = (v: unknown) => (typeof v === "string" ? v : undefined);

/** Physical names of everything a deployment names, keyed by resource type and Pulumi name. */
export function physicalNames(d: MockDeployment): Record<string, string> {
  const names: Record<string, string> = {};
  for (const r of d.resources) {
    const name = str(r.inputs.name) ?? str(r.inputs.bucket);
    if (name) names[`${r.type}/${r.name}`] = name;
  }
  const bucket = str(d.outputs.bucket);
  if (bucket) names["output/bucket"] = bucket;
  return names;
}

/**
 * SST suffixes physical names with random letters, which a real deploy keeps in its state: the
 * names of an earlier `up` replace this evaluation's, everywhere they appear (links, ARNs).
 * The mock account becomes LocalStack's.
 */
export function stabilise(d: MockDeployment, previous: Record<string, string>): MockDeployment {
  let text = JSON.stringify(d);
  const current = physicalNames(d);
  for (const [key, name] of Object.entries(current)) {
    const kept = previous[key];
    if (kept && kept !== name) text = text.replaceAll(name, kept);
  }
  // ARNs, and SQS URLs (`…/<account>/<queue>`).
  text = text.replaceAll(`:${ACCOUNT}:`, `:${LOCAL_ACCOUNT}:`);
  text = text.replaceAll(`/${ACCOUNT}/`, `/${LOCAL_ACCOUNT}/`);
  return JSON.parse(text) as MockDeployment;
}

function functionPlan(d: MockDeployment, fn: MockResource): FunctionPlan {
  const build = d.builds.find((b) => `${b.functionID}Function` === fn.name);
  if (!build) throw new Error(`no build request for ${fn.name}`);
  const i = fn.inputs;
  const variables = ((i.environment as Inputs | undefined)?.variables ?? {}) as Record<
    string,
    string
  >;
  const { SST_KEY_FILE: _encryptedLinks, ...environment } = variables;
  return {
    logical: fn.name,
    name: String(i.name),
    source: build.handler,
    handler: String(i.handler),
    runtime: String(i.runtime),
    architectures: (i.architectures as string[] | undefined) ?? ["x86_64"],
    memorySize: Number(i.memorySize ?? 128),
    timeout: Number(i.timeout ?? 3),
    ...(i.reservedConcurrentExecutions === undefined
      ? {}
      : { reservedConcurrency: Number(i.reservedConcurrentExecutions) }),
    role: String(i.role),
    environment,
    links: build.links,
    copyFiles: ((build.copyFiles ?? []) as { from: string; to: string }[]).map(({ from, to }) => ({
      from,
      to,
    })),
  };
}

/** The last part of an ARN: a function's or an SQS queue's name. */
const arnName = (arn: string) => arn.split(":").at(-1) ?? arn;

function queuePlan(q: MockResource): QueuePlan {
  const i = q.inputs;
  const attributes: Record<string, string> = {};
  const set = (attribute: string, value: unknown) => {
    if (value !== undefined && value !== null) attributes[attribute] = String(value);
  };
  set("VisibilityTimeout", i.visibilityTimeoutSeconds);
  set("DelaySeconds", i.delaySeconds);
  set("MessageRetentionPeriod", i.messageRetentionSeconds);
  set("ReceiveMessageWaitTimeSeconds", i.receiveWaitTimeSeconds);
  return {
    logical: q.name,
    name: String(i.name),
    url: sqsQueueUrl(REGION, LOCAL_ACCOUNT, String(i.name)),
    fifo: i.fifoQueue === true,
    attributes,
  };
}

/** The plan of a (stabilised) mock deployment. */
export function planOf(d: MockDeployment): Plan {
  const targets = byType(d, "aws:cloudwatch/eventTarget:EventTarget");
  const rules: RulePlan[] = byType(d, "aws:cloudwatch/eventRule:EventRule").map((r) => ({
    logical: r.name,
    name: String(r.inputs.name),
    scheduleExpression: String(r.inputs.scheduleExpression),
    state: r.inputs.state === "ENABLED" ? "ENABLED" : "DISABLED",
    targets: targets
      .filter((t) => t.inputs.rule === r.inputs.name)
      .map((t) => ({
        id: String(t.inputs.targetId),
        arn: String(t.inputs.arn),
        input: str(t.inputs.input),
      })),
    fromSchedule: false,
  }));
  for (const s of byType(d, "aws:scheduler/schedule:Schedule")) {
    const target = s.inputs.target as Inputs;
    rules.push({
      logical: s.name,
      name: String(s.inputs.name),
      scheduleExpression: String(s.inputs.scheduleExpression),
      state: s.inputs.state === "DISABLED" ? "DISABLED" : "ENABLED",
      targets: [{ id: "schedule", arn: String(target.arn), input: str(target.input) }],
      fromSchedule: true,
    });
  }
  const permissions: PermissionPlan[] = byType(d, "aws:lambda/permission:Permission").map((p) => ({
    statementId: p.name,
    functionName: String(p.inputs.function),
    action: String(p.inputs.action),
    principal: String(p.inputs.principal),
    sourceArn: str(p.inputs.sourceArn),
    functionUrlAuthType: str(p.inputs.functionUrlAuthType),
  }));
  // A schedule turned into a rule needs what the rule's own target would: events may invoke.
  for (const rule of rules.filter((r) => r.fromSchedule)) {
    for (const t of rule.targets) {
      permissions.push({
        statementId: `${rule.logical}Invoke`,
        functionName: arnName(t.arn),
        action: "lambda:InvokeFunction",
        principal: "events.amazonaws.com",
        sourceArn: `arn:aws:events:${t.arn.split(":")[3]}:${LOCAL_ACCOUNT}:rule/${rule.name}`,
        functionUrlAuthType: undefined,
      });
    }
  }
  const queues = byType(d, "aws:sqs/queue:Queue").map(queuePlan);
  const eventSourceMappings = byType(d, "aws:lambda/eventSourceMapping:EventSourceMapping").map(
    (m) => ({
      logical: m.name,
      queueName: arnName(String(m.inputs.eventSourceArn)),
      functionName: arnName(String(m.inputs.functionName)),
      batchSize: Number(m.inputs.batchSize ?? 10),
      maximumBatchingWindowInSeconds: Number(m.inputs.maximumBatchingWindowInSeconds ?? 0),
      functionResponseTypes: (m.inputs.functionResponseTypes as string[] | undefined) ?? [],
    }),
  );
  // Only the stage's own queues and functions exist on LocalStack: a mapping to anything else
  // (another stage's queue, a stream) would fail half-way through `up`; say so before.
  for (const m of eventSourceMappings) {
    if (!queues.some((q) => q.name === m.queueName))
      throw new Error(`${m.logical}: polls ${m.queueName}, not a queue of this stage`);
    if (!byType(d, "aws:lambda/function:Function").some((f) => f.inputs.name === m.functionName))
      throw new Error(`${m.logical}: invokes ${m.functionName}, not a function of this stage`);
  }
  return {
    stage: d.app.stage,
    functions: byType(d, "aws:lambda/function:Function").map((f) => functionPlan(d, f)),
    urls: byType(d, "aws:lambda/functionUrl:FunctionUrl").map((u) => ({
      logical: u.name,
      functionName: String(u.inputs.functionName),
      authType: String(u.inputs.authorizationType ?? "NONE"),
      invokeMode: String(u.inputs.invokeMode ?? "BUFFERED"),
      cors: u.inputs.cors as Inputs | undefined,
    })),
    permissions,
    rules,
    invocations: byType(d, "aws:lambda/invocation:Invocation").map((i) => ({
      logical: i.name,
      functionName: String(i.inputs.functionName),
      input: String(i.inputs.input ?? "{}"),
      triggers: i.inputs.triggers,
    })),
    eventInvokeConfigs: byType(
      d,
      "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
    ).map((c) => ({
      functionName: String(c.inputs.functionName),
      maximumRetryAttempts:
        c.inputs.maximumRetryAttempts === undefined
          ? undefined
          : Number(c.inputs.maximumRetryAttempts),
    })),
    queues,
    eventSourceMappings,
    bucket: String(d.outputs.bucket),
  };
}
