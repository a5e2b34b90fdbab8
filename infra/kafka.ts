import { parseBrokers, parseSaslMechanism, parseSsl } from "./kafka-settings";
import * as secrets from "./secrets";

// An external Kafka (MSK, Confluent Cloud, Redpanda Cloud) as one linkable, so a function links
// "Kafka" rather than five secrets. Resource.Kafka is
// { brokers: string[], username: string, password: string, mechanism: SaslMechanism, ssl: boolean };
// an empty username means no SASL.
export const kafka = new sst.Linkable("Kafka", {
  properties: {
    brokers: secrets.kafkaBrokers.value.apply(parseBrokers),
    username: secrets.kafkaUsername.value,
    password: secrets.kafkaPassword.value,
    mechanism: secrets.kafkaSaslMechanism.value.apply(parseSaslMechanism),
    ssl: secrets.kafkaSsl.value.apply(parseSsl),
  },
});
