// The Kafka secrets, parsed at deploy time by the same parsers every deployable uses for KAFKA_*
// (packages/core/src/kafka/settings.ts), so a typo in a secret fails `sst deploy` instead of the
// first cold start. No SST globals here, so unit tests import it.
import { flag, oneOf } from "../packages/core/src/env/index";
import {
  parseBrokers as brokersOf,
  SASL_MECHANISMS,
  type SaslMechanism,
} from "../packages/core/src/kafka/connection";

export type { SaslMechanism };

/** Split a comma-separated `host:port` list, rejecting entries without a port. */
export const parseBrokers = (value: string): string[] => brokersOf(value, "KafkaBrokers");

/** Accept the mechanism case-insensitively; kafkajs wants it lower-case. */
export function parseSaslMechanism(value: string): SaslMechanism {
  const mechanism = oneOf({ KafkaSaslMechanism: value }, "KafkaSaslMechanism", SASL_MECHANISMS);
  if (!mechanism) throw new Error(`KafkaSaslMechanism is empty: set one of ${SASL_MECHANISMS}`);
  return mechanism;
}

/** 1/true/yes or 0/false/no, as KAFKA_SSL: a typo must not silently turn TLS off. */
export function parseSsl(value: string): boolean {
  const ssl = flag({ KafkaSsl: value }, "KafkaSsl");
  if (ssl === undefined) throw new Error("KafkaSsl is empty: set true or false");
  return ssl;
}
