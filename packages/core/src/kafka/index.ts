/**
 * Kafka: topic registry, validated idempotent producer, admin and test reader (kafkajs), and the
 * firehose's bulk producer (@platformatic/kafka, chosen on throughput).
 */
export {
  deleteTopics,
  type EnsureTopicsOptions,
  ensureTopics,
  partitionCounts,
  ping,
} from "./admin";
export {
  type BulkCompression,
  type BulkProducer,
  type BulkProducerOptions,
  type BulkRecord,
  createBulkProducer,
  fromBulkError,
} from "./bulk-producer";
export { chunkByBytes } from "./chunk";
export { createKafka, type Kafka, type KafkaConfig } from "./client";
export * from "./gourmetgram-topics";
export { fromKafkaError } from "./kafka-error";
export {
  createLogCreator,
  type KafkaLogLevel,
  type KafkaLogRecord,
  type KafkaLogSink,
} from "./log-creator";
export { murmur2, partitionOf } from "./murmur2";
export { createProducer, type Producer, type ProducerOptions, type RawMessage } from "./producer";
export { type ConsumedMessage, type ReadOptions, readMessages } from "./read-messages";
export {
  createTopicRegistry,
  defineTopic,
  type EncodedMessage,
  encode,
  type TopicDef,
  type TopicRegistry,
} from "./topic";
