/** The deploy preflight: one ✓/✗ line per check of a stage's account, secrets and Kafka. */
export { type Clients, createClients } from "./aws/clients";
export { dataKey, decodeSstData, passphraseParameter } from "./aws/sst-data";
export { checkKafka, isPrivateMsk } from "./checks/kafka";
export { checkSecrets, kafkaSecretsWithEnv } from "./checks/secrets";
export { checkZones } from "./checks/zones";
export { type DeployConfig, loadConfig } from "./config";
export { type CheckResult, formatLine } from "./report";
export { runChecks } from "./run-checks";
export { type StageNeeds, stageNeeds } from "./stage-needs";
