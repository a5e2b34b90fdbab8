import { DescribeRuleCommand } from "@aws-sdk/client-eventbridge";
import { GetFunctionCommand, ListEventSourceMappingsCommand } from "@aws-sdk/client-lambda";
import { GetQueueAttributesCommand, GetQueueUrlCommand } from "@aws-sdk/client-sqs";
import { clients } from "./clients";
import type { EmulateConfig } from "./config";
import { runningForwarder } from "./forwarder-process";
import { readState } from "./state";

/**
 * `emulate status`: one line per function, URL, rule, queue and event source mapping of the stage;
 * false if any is missing.
 */
export async function status(c: EmulateConfig, print: (line: string) => void = console.log) {
  const state = await readState(c);
  if (!state) {
    print(`stage ${c.stage}: not deployed (pnpm emulate up)`);
    return false;
  }
  const aws = clients(c);
  let ok = true;
  for (const name of state.functions) {
    const fn = await aws.lambda
      .send(new GetFunctionCommand({ FunctionName: name }))
      .catch(() => undefined);
    const cfg = fn?.Configuration;
    ok &&= cfg?.State === "Active";
    print(
      `function ${name.padEnd(48)} ${cfg ? `${cfg.State} ${cfg.Runtime} ${cfg.MemorySize} MB ${cfg.Timeout} s` : "missing"}`,
    );
  }
  for (const rule of state.rules) {
    const r = await aws.events.send(new DescribeRuleCommand({ Name: rule })).catch(() => undefined);
    ok &&= r !== undefined;
    print(`rule     ${rule.padEnd(48)} ${r ? `${r.State} ${r.ScheduleExpression}` : "missing"}`);
  }
  for (const name of state.queues ?? []) {
    const url = (
      await aws.sqs.send(new GetQueueUrlCommand({ QueueName: name })).catch(() => undefined)
    )?.QueueUrl;
    const q = url
      ? (
          await aws.sqs.send(
            new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["All"] }),
          )
        ).Attributes
      : undefined;
    ok &&= q !== undefined;
    print(
      `queue    ${name.padEnd(48)} ${q ? `${q.ApproximateNumberOfMessages} visible, ${q.ApproximateNumberOfMessagesDelayed} delayed, ${q.ApproximateNumberOfMessagesNotVisible} in flight` : "missing"}`,
    );
    if (!q?.QueueArn) continue;
    const { EventSourceMappings = [] } = await aws.lambda.send(
      new ListEventSourceMappingsCommand({ EventSourceArn: q.QueueArn }),
    );
    for (const m of EventSourceMappings)
      print(
        `mapping  ${name} → ${m.FunctionArn?.split(":").at(-1)} ${m.State} batch ${m.BatchSize}`,
      );
  }
  const forwarder = await runningForwarder(c);
  ok &&= forwarder !== undefined;
  for (const [logical, port] of Object.entries(state.ports)) {
    const name = logical.replace(/Url$/, "").toLowerCase();
    print(
      `${name}: http://127.0.0.1:${port}/ ${forwarder ? "" : "(forwarder not running)"}`.trimEnd(),
    );
  }
  return ok;
}
