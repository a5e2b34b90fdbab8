// The stage's secrets and their placeholders, as plain data: infra/secrets.ts declares them from
// this list and `pnpm deploy:check` checks a stage against it. No SST globals here.

/**
 * Each secret's placeholder; `undefined` means none, so `sst deploy` fails until
 * `sst secret set <Name> <value> --stage <stage>` has set it (the broker list and the API key).
 */
export const SECRET_DEFAULTS = {
  KafkaBrokers: undefined,
  // Empty username means no SASL (e.g. a private Redpanda reachable over TLS only).
  KafkaUsername: "",
  KafkaPassword: "",
  /** One of plain | scram-sha-256 | scram-sha-512 (checked at deploy time in infra/kafka.ts). */
  KafkaSaslMechanism: "scram-sha-512",
  /** 1/true/yes or 0/false/no: every managed Kafka (MSK, Confluent, Redpanda Cloud) needs TLS. */
  KafkaSsl: "true",
  /** Guards writes and the /stream control endpoints. Linked as Resource.ApiKey.value. */
  ApiKey: undefined,
} as const satisfies Record<string, string | undefined>;

export type SecretName = keyof typeof SECRET_DEFAULTS;
