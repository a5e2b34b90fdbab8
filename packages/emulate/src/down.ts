import {
  DeleteRuleCommand,
  ListTargetsByRuleCommand,
  RemoveTargetsCommand,
} from "@aws-sdk/client-eventbridge";
import {
  DeleteFunctionCommand,
  DeleteFunctionUrlConfigCommand,
  GetFunctionCommand,
} from "@aws-sdk/client-lambda";
import {
  DeleteBucketCommand,
  DeleteObjectsCommand,
  ListObjectsV2Command,
} from "@aws-sdk/client-s3";
import { clients } from "./clients";
import type { EmulateConfig } from "./config";
import { stopForwarder } from "./forwarder-process";
import { removeQueues } from "./queues";
import { readState, removeState } from "./state";

const missing = (e: unknown) =>
  ["ResourceNotFoundException", "NoSuchBucket"].includes((e as { name?: string }).name ?? "");
const ignoreMissing = (e: unknown) => (missing(e) ? undefined : Promise.reject(e));

/** `emulate down`: removes what `up` created for this stage (from its state file), and only that. */
export async function down(c: EmulateConfig, log: (line: string) => void = console.log) {
  const state = await readState(c);
  if (await stopForwarder(c)) log("forwarder stopped");
  if (!state) {
    log(`nothing deployed for stage ${c.stage}`);
    return;
  }
  const aws = clients(c);
  for (const rule of state.rules) {
    const targets = await aws.events
      .send(new ListTargetsByRuleCommand({ Rule: rule }))
      .catch(ignoreMissing);
    const ids = (targets?.Targets ?? []).map((t) => t.Id!);
    if (ids.length) await aws.events.send(new RemoveTargetsCommand({ Rule: rule, Ids: ids }));
    if (targets) {
      await aws.events.send(new DeleteRuleCommand({ Name: rule }));
      log(`rule ${rule}: deleted`);
    }
  }
  await removeQueues(aws, state.functions, state.queues ?? [], log);
  for (const name of state.functions) {
    const fn = await aws.lambda
      .send(new GetFunctionCommand({ FunctionName: name }))
      .catch(ignoreMissing);
    if (!fn) continue;
    await aws.lambda
      .send(new DeleteFunctionUrlConfigCommand({ FunctionName: name }))
      .catch(ignoreMissing);
    await aws.lambda.send(new DeleteFunctionCommand({ FunctionName: name }));
    log(`${name}: deleted`);
  }
  // The images bucket, created by the migrate function: a non-production stage is disposable.
  if (state.bucket) {
    const bucket = state.bucket;
    for (;;) {
      const page = await aws.s3
        .send(new ListObjectsV2Command({ Bucket: bucket }))
        .catch(ignoreMissing);
      const keys = (page?.Contents ?? []).map((o) => ({ Key: o.Key! }));
      if (!keys.length) break;
      await aws.s3.send(new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys } }));
    }
    const deleted = await aws.s3
      .send(new DeleteBucketCommand({ Bucket: bucket }))
      .catch(ignoreMissing);
    if (deleted) log(`bucket ${bucket}: deleted`);
  }
  await removeState(c);
}
