/** SQS, minimally: create a queue, send delayed, receive-and-delete, let EventBridge deliver to it. */
export {
  createQueues,
  type DelayedMessage,
  type QueueMessage,
  type Queues,
} from "./queue-client";
