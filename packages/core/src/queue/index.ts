/** SQS, minimally: create a queue, receive-and-delete, let EventBridge deliver to it. */
export { createQueues, type QueueConfig, type QueueMessage, type Queues } from "./queue-client";
