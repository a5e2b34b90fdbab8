/** SQS, minimally: create a queue, receive-and-delete, let EventBridge deliver to it. */
export { createQueues, type QueueMessage, type Queues } from "./queue-client";
