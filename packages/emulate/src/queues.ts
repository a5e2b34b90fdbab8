import {
  CreateEventSourceMappingCommand,
  DeleteEventSourceMappingCommand,
  type EventSourceMappingConfiguration,
  GetEventSourceMappingCommand,
  ListEventSourceMappingsCommand,
  UpdateEventSourceMappingCommand,
} from "@aws-sdk/client-lambda";
import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  GetQueueUrlCommand,
  SetQueueAttributesCommand,
} from "@aws-sdk/client-sqs";
import type { Clients } from "./clients";
import type { EventSourceMappingPlan, QueuePlan } from "./plan";

type Log = (line: string) => void;
const noQueue = (e: unknown) =>
  ["QueueDoesNotExist", "AWS.SimpleQueueService.NonExistentQueue"].includes(
    (e as { name?: string }).name ?? "",
  );

/**
 * The URL a function links: LocalStack's queue path on the endpoint's own origin. LocalStack
 * answers CreateQueue with a host it builds from LOCALSTACK_HOST (`sqs.us-east-1.127.0.0.1:4566`
 * here), a name no resolver knows; an SDK v3 SQS client without an explicit endpoint sends to its
 * QueueUrl's host when that differs from its own (and logs the invalid one on every call). The
 * path form on the endpoint is the same queue to LocalStack, from any client. (Not parsed with
 * `URL`: a host ending in an IPv4 address is no valid WHATWG host.)
 */
export function localQueueUrl(queueUrl: string, endpoint: string): string {
  const path = /^[a-z]+:\/\/[^/]+(\/[^?#]*)/i.exec(queueUrl)?.[1];
  if (!path) throw new Error(`not a queue URL: ${queueUrl}`);
  return new URL(path, endpoint).toString();
}

export interface DeployedQueue {
  url: string;
  arn: string;
}

/** The queue with the attributes infra/ sets: created, or the attributes that differ set. */
export async function ensureQueue(
  aws: Clients,
  q: QueuePlan,
  endpoint: string,
  log: Log,
): Promise<DeployedQueue> {
  const found = await aws.sqs
    .send(new GetQueueUrlCommand({ QueueName: q.name }))
    .catch((e) => (noQueue(e) ? undefined : Promise.reject(e)));
  let url = found?.QueueUrl;
  let verdict = "unchanged";
  if (!url) {
    const created = await aws.sqs.send(
      new CreateQueueCommand({
        QueueName: q.name,
        Attributes: { ...q.attributes, ...(q.fifo ? { FifoQueue: "true" } : {}) },
      }),
    );
    url = created.QueueUrl!;
    verdict = "created";
  }
  const have: Record<string, string | undefined> =
    (await aws.sqs.send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["All"] })))
      .Attributes ?? {};
  const changed = Object.fromEntries(
    Object.entries(q.attributes).filter(([k, v]) => have[k] !== v),
  );
  if (Object.keys(changed).length) {
    await aws.sqs.send(new SetQueueAttributesCommand({ QueueUrl: url, Attributes: changed }));
    if (verdict === "unchanged") verdict = "updated";
  }
  log(`queue ${q.name}: ${verdict}`);
  return { url: localQueueUrl(url, endpoint), arn: have.QueueArn! };
}

const sameMapping = (have: EventSourceMappingConfiguration, want: EventSourceMappingPlan) =>
  have.BatchSize === want.batchSize &&
  (have.MaximumBatchingWindowInSeconds ?? 0) === want.maximumBatchingWindowInSeconds &&
  JSON.stringify(have.FunctionResponseTypes ?? []) === JSON.stringify(want.functionResponseTypes);

/**
 * The queue's event source mapping to its function, one per pair: found by listing the function's
 * mappings from that queue (so a second `up` creates none), updated when its batching changed, and
 * waited for until Enabled, so that a message sent once `up` returns is delivered.
 */
export async function ensureEventSourceMapping(
  aws: Clients,
  m: EventSourceMappingPlan,
  queueArn: string,
  log: Log,
): Promise<string> {
  const { EventSourceMappings: existing = [] } = await aws.lambda.send(
    new ListEventSourceMappingsCommand({ FunctionName: m.functionName, EventSourceArn: queueArn }),
  );
  const [have, ...extra] = existing.filter((e) => e.EventSourceArn === queueArn);
  // Two pollers on one queue would split its messages between them: keep one.
  for (const e of extra)
    await aws.lambda.send(new DeleteEventSourceMappingCommand({ UUID: e.UUID! }));
  const settings = {
    BatchSize: m.batchSize,
    MaximumBatchingWindowInSeconds: m.maximumBatchingWindowInSeconds,
    FunctionResponseTypes: m.functionResponseTypes as "ReportBatchItemFailures"[],
  };
  let uuid = have?.UUID;
  let verdict = "unchanged";
  if (!uuid) {
    const created = await aws.lambda.send(
      new CreateEventSourceMappingCommand({
        ...settings,
        FunctionName: m.functionName,
        EventSourceArn: queueArn,
        Enabled: true,
      }),
    );
    uuid = created.UUID!;
    verdict = "created";
  } else if (!sameMapping(have!, m)) {
    await aws.lambda.send(new UpdateEventSourceMappingCommand({ ...settings, UUID: uuid }));
    verdict = "updated";
  }
  await waitUntilEnabled(aws, uuid);
  log(`mapping ${m.queueName} → ${m.functionName}: ${verdict}`);
  return uuid;
}

async function waitUntilEnabled(aws: Clients, uuid: string) {
  let state: string | undefined;
  for (const until = Date.now() + 60_000; Date.now() < until; ) {
    state = (await aws.lambda.send(new GetEventSourceMappingCommand({ UUID: uuid }))).State;
    if (state === "Enabled") return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`event source mapping ${uuid} is ${state}, not Enabled, after 60 s`);
}

/** Deletes the mappings of `functions` (before the functions go) and the queues, if present. */
export async function removeQueues(
  aws: Clients,
  functions: string[],
  queues: string[],
  log: Log,
): Promise<void> {
  for (const name of functions) {
    const listed = await aws.lambda
      .send(new ListEventSourceMappingsCommand({ FunctionName: name }))
      .catch((e) =>
        (e as { name?: string }).name === "ResourceNotFoundException"
          ? undefined
          : Promise.reject(e),
      );
    for (const e of listed?.EventSourceMappings ?? []) {
      await aws.lambda.send(new DeleteEventSourceMappingCommand({ UUID: e.UUID! }));
      log(`mapping ${e.EventSourceArn?.split(":").at(-1)} → ${name}: deleted`);
    }
  }
  for (const name of queues) {
    const found = await aws.sqs
      .send(new GetQueueUrlCommand({ QueueName: name }))
      .catch((e) => (noQueue(e) ? undefined : Promise.reject(e)));
    if (!found?.QueueUrl) continue;
    await aws.sqs.send(new DeleteQueueCommand({ QueueUrl: found.QueueUrl }));
    log(`queue ${name}: deleted`);
  }
}
