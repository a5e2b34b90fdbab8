/**
 * The firehose's bulk producer (@platformatic/kafka, chosen on throughput), kept out of
 * `@gg/core/kafka` so Lambda bundles that only need the kafkajs producer do not carry it: its
 * wasm helper resolves a file next to its own module, which does not exist inside a bundle.
 */
export {
  type BulkCompression,
  type BulkProducer,
  type BulkProducerOptions,
  type BulkRecord,
  createBulkProducer,
  fromBulkError,
} from "../kafka/bulk-producer";
