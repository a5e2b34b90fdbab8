// Set per stage with `sst secret set <Name> <value> --stage <stage>`. A secret without a
// placeholder must be set before the first deploy (SST fails the deploy otherwise), which is
// what we want for the broker list and the API key.
export const kafkaBrokers = new sst.Secret("KafkaBrokers");
// Empty username means no SASL (e.g. a private Redpanda reachable over TLS only).
export const kafkaUsername = new sst.Secret("KafkaUsername", "");
export const kafkaPassword = new sst.Secret("KafkaPassword", "");
/** One of plain | scram-sha-256 | scram-sha-512 (checked at deploy time in infra/kafka.ts). */
export const kafkaSaslMechanism = new sst.Secret("KafkaSaslMechanism", "scram-sha-512");
/** 1/true/yes or 0/false/no: every managed Kafka (MSK, Confluent, Redpanda Cloud) requires TLS. */
export const kafkaSsl = new sst.Secret("KafkaSsl", "true");
/** Guards writes and the /stream control endpoints. Linked as Resource.ApiKey.value. */
export const apiKey = new sst.Secret("ApiKey");
