/** SQS, minimally: create a queue, send delayed, receive-and-delete, let EventBridge deliver to it. */
export {
  createQueues,
  type DelayedMessage,
  MAX_DELAY_SECONDS,
  type QueueMessage,
  type Queues,
} from "./queue-client";
