/**
 * Kafka: topic registry, validated idempotent producer, admin and test reader (kafkajs). The
 * firehose's bulk producer is `@gg/core/kafka-bulk`.
 */
export {
  deleteTopics,
  type EnsureTopicsOptions,
  ensureTopics,
  partitionCounts,
  ping,
} from "./admin";
export { chunkByBytes } from "./chunk";
export * from "./clickstream-topics";
export { createKafka, type Kafka, type KafkaConfig } from "./client";
export {
  KafkaConnection,
  type KafkaLink,
  KafkaSettings,
  kafkaFromEnv,
  kafkaFromLink,
  parseBrokers,
  SASL_MECHANISMS,
  type SaslMechanism,
} from "./connection";
export * from "./gourmetgram-topics";
export { fromKafkaError } from "./kafka-error";
export {
  createLogCreator,
  type KafkaLogLevel,
  type KafkaLogRecord,
  type KafkaLogSink,
} from "./log-creator";
export { murmur2, partitionOf } from "./murmur2";
export {
  createProducer,
  type Producer,
  type ProducerOptions,
  type RawMessage,
  type SendOutcome,
} from "./producer";
export {
  type ConsumedMessage,
  endOffsets,
  type PartitionOffset,
  type ReadOptions,
  readMessages,
} from "./read-messages";
export {
  createTopicRegistry,
  defineTopic,
  type EncodedMessage,
  encode,
  type TopicDef,
  TopicName,
  type TopicRegistry,
} from "./topic";
