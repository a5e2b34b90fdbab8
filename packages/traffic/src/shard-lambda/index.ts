import { InvokeCommand, LambdaClient } from "@aws-sdk/client-lambda";
import type { ShardInvoker } from "../shards/index";

/**
 * Shards as async Lambda invocations (InvocationType Event): the coordinator returns once each is
 * queued (202), and the shards run in parallel, each in its own instance. Its own subpath, so only
 * the coordinator's bundle carries the Lambda SDK. The endpoint follows AWS_ENDPOINT_URL (LocalStack).
 */
export function lambdaShardInvoker(
  functionName: string,
  client = new LambdaClient({}),
): ShardInvoker {
  return (job) => invokeAsync(client, functionName, job, `shard ${job.shard} of ${functionName}`);
}

/**
 * A kick of the generator function as an async invocation, the way the schedule delivers: the
 * control plane returns once it is queued (202), and the generator serves the minute it names
 * (`kickEvent`).
 */
export function lambdaKick(functionName: string, client = new LambdaClient({})) {
  return (event: object) => invokeAsync(client, functionName, event, `kick of ${functionName}`);
}

/** Queues one invocation of `functionName` with `payload` as JSON; throws unless it is queued. */
async function invokeAsync(
  client: LambdaClient,
  functionName: string,
  payload: unknown,
  what: string,
): Promise<void> {
  const out = await client.send(
    new InvokeCommand({
      FunctionName: functionName,
      InvocationType: "Event",
      Payload: new TextEncoder().encode(JSON.stringify(payload)),
    }),
  );
  if (out.StatusCode !== 202) throw new Error(`${what}: invoke answered ${out.StatusCode}`);
}
