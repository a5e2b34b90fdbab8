import { SECRET_DEFAULTS as d } from "./secret-defaults";

// Set per stage with `sst secret set <Name> <value> --stage <stage>`; the names and placeholders
// are in secret-defaults.ts, which `pnpm deploy:check` reads too.
export const kafkaBrokers = new sst.Secret("KafkaBrokers");
export const kafkaUsername = new sst.Secret("KafkaUsername", d.KafkaUsername);
export const kafkaPassword = new sst.Secret("KafkaPassword", d.KafkaPassword);
export const kafkaSaslMechanism = new sst.Secret("KafkaSaslMechanism", d.KafkaSaslMechanism);
export const kafkaSsl = new sst.Secret("KafkaSsl", d.KafkaSsl);
/** Guards writes and the /stream control endpoints. Linked as Resource.ApiKey.value. */
export const apiKey = new sst.Secret("ApiKey");
