export { down, formatStatus, type ServiceStatus, status, up } from "./commands";
export { connectionEnv, KAFKA_SASL_USER, loadConfig, type ServicesConfig } from "./config";
export { clusterId } from "./kafka-config";
export { KAFKA_VERSION, kafkaLibsDir } from "./kafka-install";
export { pick, services } from "./registry";
export { ensureVenv, type Venv } from "./venv";
