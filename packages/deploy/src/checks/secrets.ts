import { parseBrokers, parseSaslMechanism, parseSsl } from "../../../../infra/kafka-settings";
import { SECRET_DEFAULTS, type SecretName } from "../../../../infra/secret-defaults";
import { type CheckResult, fail, pass } from "../report";

const setCommand = (name: SecretName, stage: string) =>
  name === "ApiKey"
    ? `npx sst secret set ApiKey "$(openssl rand -hex 24)" --stage ${stage}`
    : `npx sst secret set ${name} <value> --stage ${stage}`;

/**
 * The secrets `sst deploy` needs, set for the stage and well-formed: the same parsers as the
 * deploy (infra/kafka-settings.ts), so what passes here does not fail the deploy later.
 */
export function checkSecrets(
  stage: string,
  set: Record<string, string> | undefined,
  required: readonly SecretName[],
): CheckResult {
  const name = `secrets of ${stage}`;
  if (!set) {
    return fail(
      name,
      "SST was never bootstrapped in this account and region, so no secret is set",
      `${required.map((n) => setCommand(n, stage)).join(" && ")} (the first one bootstraps SST)`,
    );
  }
  const missing = required.filter((n) => !set[n]);
  if (missing.length > 0) {
    return fail(
      name,
      `${missing.join(" and ")} not set (the deploy stops without them)`,
      missing.map((n) => setCommand(n, stage)).join(" && "),
    );
  }
  const value = (n: SecretName) => set[n] ?? SECRET_DEFAULTS[n] ?? "";
  try {
    parseBrokers(value("KafkaBrokers"));
    parseSaslMechanism(value("KafkaSaslMechanism"));
    parseSsl(value("KafkaSsl"));
  } catch (e) {
    return fail(name, (e as Error).message, "sst secret set it again with a valid value");
  }
  if (Boolean(value("KafkaUsername")) !== Boolean(value("KafkaPassword"))) {
    return fail(
      name,
      "KafkaUsername and KafkaPassword must be set together (an empty username means no SASL)",
      setCommand(value("KafkaUsername") ? "KafkaPassword" : "KafkaUsername", stage),
    );
  }
  const placeholders = (Object.keys(SECRET_DEFAULTS) as SecretName[]).filter((n) => !(n in set));
  return pass(
    name,
    `${Object.keys(set).sort().join(", ")} set${placeholders.length ? `; placeholders for ${placeholders.join(", ")}` : ""}`,
  );
}

/** The Kafka settings to probe: each KAFKA_* variable overrides its secret, else placeholders. */
export function kafkaSecretsWithEnv(
  set: Record<string, string> | undefined,
  env: Record<string, string | undefined>,
): Record<"brokers" | "ssl" | "mechanism" | "username" | "password", string> {
  const pick = (variable: string, secret: SecretName) =>
    env[variable] ?? set?.[secret] ?? SECRET_DEFAULTS[secret] ?? "";
  return {
    brokers: pick("KAFKA_BROKERS", "KafkaBrokers"),
    ssl: pick("KAFKA_SSL", "KafkaSsl"),
    mechanism: pick("KAFKA_SASL_MECHANISM", "KafkaSaslMechanism"),
    username: pick("KAFKA_USERNAME", "KafkaUsername"),
    password: pick("KAFKA_PASSWORD", "KafkaPassword"),
  };
}
