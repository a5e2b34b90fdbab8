/** AWS clients, ours: the config each is built from, and the one translator of SDK errors. */
export { awsErrorName, awsStatus, fromAwsError } from "./aws-error";
export { type AwsConfig, AwsSettings, clientConfig } from "./client-config";
