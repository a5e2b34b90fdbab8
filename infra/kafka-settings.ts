// Pure parsers for the Kafka secrets: they run at deploy time, so a typo in a secret fails
// `sst deploy` instead of the first cold start. No SST globals here, so unit tests import it.

export const SASL_MECHANISMS = ["plain", "scram-sha-256", "scram-sha-512"] as const;
export type SaslMechanism = (typeof SASL_MECHANISMS)[number];

/** Split a comma-separated `host:port` list, rejecting entries without a port. */
export function parseBrokers(value: string): string[] {
  const brokers = value
    .split(",")
    .map((b) => b.trim())
    .filter((b) => b.length > 0);
  if (brokers.length === 0) throw new Error("KafkaBrokers is empty: set host:port[,host:port]");
  for (const broker of brokers) {
    if (!/^[^\s:]+:\d{1,5}$/.test(broker)) {
      throw new Error(`KafkaBrokers entry "${broker}" is not host:port`);
    }
  }
  return brokers;
}

/** Accept the mechanism case-insensitively; kafkajs wants it lower-case. */
export function parseSaslMechanism(value: string): SaslMechanism {
  const mechanism = value.trim().toLowerCase();
  const known = SASL_MECHANISMS.find((m) => m === mechanism);
  if (!known) {
    throw new Error(`KafkaSaslMechanism "${value}" is not one of ${SASL_MECHANISMS.join(", ")}`);
  }
  return known;
}

/** "true"/"false" only: a typo must not silently turn TLS off. */
export function parseSsl(value: string): boolean {
  const v = value.trim().toLowerCase();
  if (v === "true") return true;
  if (v === "false") return false;
  throw new Error(`KafkaSsl "${value}" is not true or false`);
}
