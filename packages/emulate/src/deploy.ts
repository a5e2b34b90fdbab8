import { join } from "node:path";
import {
  DescribeRuleCommand,
  ListTargetsByRuleCommand,
  PutRuleCommand,
  PutTargetsCommand,
} from "@aws-sdk/client-eventbridge";
import {
  AddPermissionCommand,
  CreateFunctionCommand,
  CreateFunctionUrlConfigCommand,
  DeleteFunctionConcurrencyCommand,
  type FunctionConfiguration,
  GetFunctionCommand,
  GetFunctionConcurrencyCommand,
  GetFunctionUrlConfigCommand,
  InvokeCommand,
  PutFunctionConcurrencyCommand,
  PutFunctionEventInvokeConfigCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
} from "@aws-sdk/client-lambda";
import type { Clients } from "./clients";
import type { EmulateConfig } from "./config";
import { type CodePackage, packageFunction } from "./package";
import type { FunctionPlan, Links, Plan, RulePlan, UrlPlan } from "./plan";

type Log = (line: string) => void;
const notFound = (e: unknown) => (e as { name?: string }).name === "ResourceNotFoundException";
const conflict = (e: unknown) => (e as { name?: string }).name === "ResourceConflictException";

/** The variables the function gets: infra's, plus each link as SST passes it (`SST_RESOURCE_*`). */
function functionEnvironment(fn: FunctionPlan, links: Links): Record<string, string> {
  const env = { ...fn.environment };
  for (const [name, value] of Object.entries(links)) {
    env[`SST_RESOURCE_${name}`] = JSON.stringify(value);
  }
  return env;
}

const sameConfig = (have: FunctionConfiguration, want: Record<string, unknown>) =>
  JSON.stringify([
    have.Handler,
    have.Runtime,
    have.MemorySize,
    have.Timeout,
    have.Environment?.Variables ?? {},
  ]) ===
  JSON.stringify([want.Handler, want.Runtime, want.MemorySize, want.Timeout, want.Variables]);

/**
 * Sets the function's reserved concurrency to what infra/ declares, or removes it. Without it the
 * emulator starts one environment per concurrent request: a cold API at the start of a 40/s stream
 * once grew to 61 Node processes on two cores, each cold start slower than the last.
 * Returns whether it changed.
 */
async function applyConcurrency(aws: Clients, fn: FunctionPlan): Promise<boolean> {
  const have = (await aws.lambda.send(new GetFunctionConcurrencyCommand({ FunctionName: fn.name })))
    .ReservedConcurrentExecutions;
  if (have === fn.reservedConcurrency) return false;
  if (fn.reservedConcurrency === undefined)
    await aws.lambda.send(new DeleteFunctionConcurrencyCommand({ FunctionName: fn.name }));
  else
    await aws.lambda.send(
      new PutFunctionConcurrencyCommand({
        FunctionName: fn.name,
        ReservedConcurrentExecutions: fn.reservedConcurrency,
      }),
    );
  return true;
}

/**
 * Creates the function, or updates what changed: configuration, then code (by CodeSha256).
 * Returns whether it was created.
 */
export async function deployFunction(
  aws: Clients,
  c: EmulateConfig,
  fn: FunctionPlan,
  links: Links,
  code: CodePackage,
  log: Log,
): Promise<"created" | "updated" | "unchanged"> {
  const variables = Object.fromEntries(
    Object.entries(functionEnvironment(fn, links)).sort(([a], [b]) => (a < b ? -1 : 1)),
  );
  const config = {
    FunctionName: fn.name,
    Handler: fn.handler,
    Runtime: fn.runtime as "nodejs22.x",
    MemorySize: fn.memorySize,
    Timeout: fn.timeout,
    Role: fn.role,
    Environment: { Variables: variables },
  };
  const wait = { client: aws.lambda, maxWaitTime: 120, minDelay: 1, maxDelay: 2 };
  const existing = await aws.lambda
    .send(new GetFunctionCommand({ FunctionName: fn.name }))
    .catch((e) => (notFound(e) ? undefined : Promise.reject(e)));
  if (!existing?.Configuration) {
    // The VPC is left out: the emulator has no subnets, and the local services are on loopback.
    await aws.lambda.send(
      new CreateFunctionCommand({
        ...config,
        Code: { ZipFile: code.zip },
        Architectures: fn.architectures as ("arm64" | "x86_64")[],
        Tags: { "gg:emulate": c.stage, "sst:component": fn.logical },
      }),
    );
    await waitUntilFunctionActiveV2(wait, { FunctionName: fn.name });
    await applyConcurrency(aws, fn);
    log(`${fn.name}: created (${(code.zip.length / 1024).toFixed(0)} KiB)`);
    return "created";
  }
  let changed = false;
  if (!sameConfig(existing.Configuration, { ...config, Variables: variables })) {
    await aws.lambda.send(new UpdateFunctionConfigurationCommand(config));
    await waitUntilFunctionUpdatedV2(wait, { FunctionName: fn.name });
    changed = true;
  }
  if (existing.Configuration.CodeSha256 !== code.sha256) {
    await aws.lambda.send(
      new UpdateFunctionCodeCommand({ FunctionName: fn.name, ZipFile: code.zip }),
    );
    await waitUntilFunctionUpdatedV2(wait, { FunctionName: fn.name });
    changed = true;
  }
  if (await applyConcurrency(aws, fn)) changed = true;
  log(`${fn.name}: ${changed ? "updated" : "unchanged"}`);
  return changed ? "updated" : "unchanged";
}

/** Bundles every function of the plan (in parallel: esbuild is fast, and this is I/O). */
export function packageAll(c: EmulateConfig, plan: Plan): Promise<Map<string, CodePackage>> {
  // Shared by every stage: the same sources give the same bundle.
  const work = join(c.root, ".sst", "emulate", "bundles");
  return Promise.all(
    plan.functions.map(
      async (fn) => [fn.logical, await packageFunction(c.root, fn, work)] as const,
    ),
  ).then((entries) => new Map(entries));
}

/** Invokes a function synchronously; a function error fails the deploy, as Pulumi's would. */
export async function invokeOrThrow(aws: Clients, functionName: string, input: string) {
  const out = await aws.lambda.send(
    new InvokeCommand({ FunctionName: functionName, Payload: Buffer.from(input) }),
  );
  const payload = Buffer.from(out.Payload ?? []).toString("utf8");
  if (out.FunctionError) throw new Error(`${functionName} failed: ${payload}`);
  return payload;
}

/** The Function URL (LocalStack's host-routed form), created if missing. */
export async function ensureFunctionUrl(aws: Clients, url: UrlPlan): Promise<string> {
  const existing = await aws.lambda
    .send(new GetFunctionUrlConfigCommand({ FunctionName: url.functionName }))
    .catch((e) => (notFound(e) ? undefined : Promise.reject(e)));
  if (existing?.FunctionUrl) return existing.FunctionUrl;
  const cors = url.cors as
    | { allowHeaders?: string[]; allowMethods?: string[]; allowOrigins?: string[] }
    | undefined;
  const created = await aws.lambda.send(
    new CreateFunctionUrlConfigCommand({
      FunctionName: url.functionName,
      AuthType: url.authType as "NONE",
      InvokeMode: url.invokeMode as "BUFFERED",
      Cors: cors
        ? {
            AllowHeaders: cors.allowHeaders,
            AllowMethods: cors.allowMethods,
            AllowOrigins: cors.allowOrigins,
          }
        : undefined,
    }),
  );
  if (!created.FunctionUrl) throw new Error(`no URL for ${url.functionName}`);
  return created.FunctionUrl;
}

/** Resource policies (URL access, EventBridge invoke); an existing statement is kept. */
export async function ensurePermissions(aws: Clients, plan: Plan): Promise<void> {
  for (const p of plan.permissions) {
    await aws.lambda
      .send(
        new AddPermissionCommand({
          FunctionName: p.functionName,
          StatementId: p.statementId,
          Action: p.action,
          Principal: p.principal,
          SourceArn: p.sourceArn,
          FunctionUrlAuthType: p.functionUrlAuthType as "NONE" | undefined,
        }),
      )
      .catch((e) => (conflict(e) ? undefined : Promise.reject(e)));
  }
  for (const config of plan.eventInvokeConfigs) {
    await aws.lambda.send(
      new PutFunctionEventInvokeConfigCommand({
        FunctionName: config.functionName,
        MaximumRetryAttempts: config.maximumRetryAttempts,
      }),
    );
  }
}

/**
 * The rule and its targets. Like infra/ (ignoreChanges on state and input), the state is set when
 * the rule is created and never after: the control plane owns it then.
 */
export async function ensureRule(aws: Clients, rule: RulePlan, log: Log): Promise<void> {
  const existing = await aws.events
    .send(new DescribeRuleCommand({ Name: rule.name }))
    .catch((e) => (notFound(e) ? undefined : Promise.reject(e)));
  if (!existing || existing.ScheduleExpression !== rule.scheduleExpression) {
    await aws.events.send(
      new PutRuleCommand({
        Name: rule.name,
        ScheduleExpression: rule.scheduleExpression,
        State: (existing?.State as "ENABLED" | "DISABLED" | undefined) ?? rule.state,
      }),
    );
    log(`rule ${rule.name}: ${existing ? "updated" : `created ${rule.state}`}`);
  }
  // LocalStack (4.13) decides once, when a target is put, whether the rule's scheduled job runs:
  // EnableRule later does not start it. So a rule that starts DISABLED gets no target here; its
  // owner puts it after enabling the rule (the control plane's rule sync does, when missing).
  const state = existing?.State ?? rule.state;
  if (state !== "ENABLED") return;
  const { Targets = [] } = await aws.events.send(new ListTargetsByRuleCommand({ Rule: rule.name }));
  const missing = rule.targets.filter(
    (t) => !Targets.some((h) => h.Id === t.id && h.Arn === t.arn),
  );
  if (missing.length) {
    await aws.events.send(
      new PutTargetsCommand({
        Rule: rule.name,
        // LocalStack sends nothing for an empty-object Input (`{}` is falsy in its sender), where
        // AWS would deliver `{}`: leave it out, and the target gets the scheduled event.
        Targets: missing.map((t) => ({
          Id: t.id,
          Arn: t.arn,
          Input: t.input === "{}" ? undefined : t.input,
        })),
      }),
    );
  }
}
