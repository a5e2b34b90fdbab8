import {
  CreateQueueCommand,
  DeleteMessageBatchCommand,
  DeleteQueueCommand,
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SetQueueAttributesCommand,
  SQSClient,
} from "@aws-sdk/client-sqs";
import { type AwsConfig, clientConfig, fromAwsError } from "../aws/index";

export interface QueueMessage {
  id: string;
  body: string;
}

export interface Queues {
  /** Creates the queue (or finds the existing one of that name). */
  create(name: string): Promise<{ url: string; arn: string }>;
  arnOf(url: string): Promise<string>;
  /** Lets EventBridge rule `ruleArn` send to the queue (AWS requires it; LocalStack does not). */
  allowEventBridge(url: string, queueArn: string, ruleArn: string): Promise<void>;
  /** Long-polls up to `waitSeconds` (max 20), then deletes what it received. */
  receiveAndDelete(
    url: string,
    options?: { max?: number; waitSeconds?: number },
  ): Promise<QueueMessage[]>;
  /**
   * Sends each message held back `delaySeconds` (0 to 900, SQS's bound), ten to a request. Throws
   * when any is refused, naming how many of how many.
   */
  sendDelayed(url: string, messages: readonly DelayedMessage[]): Promise<void>;
  deleteQueue(url: string): Promise<void>;
}

export interface DelayedMessage {
  body: string;
  delaySeconds: number;
}

/** SQS's longest delay (15 minutes). */
const MAX_DELAY_SECONDS = 900;

/** A small SQS client: enough to see a schedule deliver and to drain the schedule queue. */
export function createQueues(config: AwsConfig): Queues {
  const sqs = new SQSClient(clientConfig(config));
  const fail =
    (action: string) =>
    (e: unknown): never => {
      throw fromAwsError(e, "sqs", action);
    };
  const arnOf = async (url: string) => {
    const out = await sqs
      .send(new GetQueueAttributesCommand({ QueueUrl: url, AttributeNames: ["QueueArn"] }))
      .catch(fail(`arn of ${url}`));
    return out.Attributes?.QueueArn ?? "";
  };

  return {
    async create(name) {
      const out = await sqs
        .send(new CreateQueueCommand({ QueueName: name }))
        .catch(fail(`create ${name}`));
      const url = out.QueueUrl ?? "";
      return { url, arn: await arnOf(url) };
    },
    arnOf,
    async allowEventBridge(url, queueArn, ruleArn) {
      const policy = {
        Version: "2012-10-17",
        Statement: [
          {
            Effect: "Allow",
            Principal: { Service: "events.amazonaws.com" },
            Action: "sqs:SendMessage",
            Resource: queueArn,
            Condition: { ArnEquals: { "aws:SourceArn": ruleArn } },
          },
        ],
      };
      await sqs
        .send(
          new SetQueueAttributesCommand({
            QueueUrl: url,
            Attributes: { Policy: JSON.stringify(policy) },
          }),
        )
        .catch(fail(`set policy on ${url}`));
    },
    async receiveAndDelete(url, options = {}) {
      const out = await sqs
        .send(
          new ReceiveMessageCommand({
            QueueUrl: url,
            MaxNumberOfMessages: Math.min(options.max ?? 10, 10),
            WaitTimeSeconds: Math.min(options.waitSeconds ?? 0, 20),
          }),
        )
        .catch(fail(`receive from ${url}`));
      const received = out.Messages ?? [];
      const entries = received.flatMap((m, i) =>
        m.ReceiptHandle ? [{ Id: String(i), ReceiptHandle: m.ReceiptHandle }] : [],
      );
      if (entries.length > 0) {
        await sqs
          .send(new DeleteMessageBatchCommand({ QueueUrl: url, Entries: entries }))
          .catch(fail(`delete from ${url}`));
      }
      return received.map((m) => ({ id: m.MessageId ?? "", body: m.Body ?? "" }));
    },
    async sendDelayed(url, messages) {
      for (let i = 0; i < messages.length; i += 10) {
        const batch = messages.slice(i, i + 10);
        const out = await sqs
          .send(
            new SendMessageBatchCommand({
              QueueUrl: url,
              Entries: batch.map((m, k) => ({
                Id: String(k),
                MessageBody: m.body,
                DelaySeconds: Math.max(0, Math.min(MAX_DELAY_SECONDS, Math.floor(m.delaySeconds))),
              })),
            }),
          )
          .catch(fail(`send to ${url}`));
        const failed = out.Failed ?? [];
        if (failed.length > 0) {
          throw fromAwsError(
            new Error(`${failed.length} of ${batch.length} refused: ${failed[0]?.Message ?? ""}`),
            "sqs",
            `send to ${url}`,
          );
        }
      }
    },
    async deleteQueue(url) {
      await sqs.send(new DeleteQueueCommand({ QueueUrl: url })).catch(fail(`delete ${url}`));
    },
  };
}
