import { type AwsConfig, AwsSettings } from "@gg/core/aws";
import { int, read } from "@gg/core/env";
import { awsEndpointFromEnv, awsFromEnv } from "@gg/core/services";
import { z } from "zod";
import { regionOf } from "../../../infra/region";

// The one reader of the preflight's command line and environment.

/** SST's stage names: letters, digits and hyphens, starting with a letter. */
const Stage = z.string().regex(/^[a-zA-Z][a-zA-Z0-9-]*$/, "a stage is letters, digits, hyphens");

export interface DeployConfig {
  command: "check" | "deploy";
  stage: string;
  /** Deploy even when a check fails. */
  force: boolean;
  /** Also run `sst diff` (needs SST's engine: network on the first run). */
  diff: boolean;
  /** The deploy region (infra/region.ts), an emulator's endpoint for tests. */
  aws: AwsConfig;
  /** KAFKA_* as set: each overrides its secret in the Kafka check. */
  kafkaEnv: Record<string, string | undefined>;
  /** Per Kafka request and connect (default 8 s). */
  kafkaTimeoutMs: number;
}

const USAGE =
  "usage: pnpm deploy:check --stage <stage> [--diff] | pnpm run deploy --stage <stage> [--force]";

/** `check|deploy --stage <s> [--force] [--diff]` and the environment, parsed once. */
export function loadConfig(argv: string[], env: Record<string, string | undefined>): DeployConfig {
  const [command, ...rest] = argv;
  if (command !== "check" && command !== "deploy") throw new Error(USAGE);
  let stage: string | undefined;
  const flags = new Set<string>();
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i]!;
    if (arg === "--stage") stage = rest[++i];
    else if (arg.startsWith("--stage=")) stage = arg.slice("--stage=".length);
    else if (arg === "--force" || arg === "--diff") flags.add(arg);
    else throw new Error(`unknown argument "${arg}". ${USAGE}`);
  }
  const parsed = Stage.safeParse(stage ?? read(env, "SST_STAGE"));
  if (!parsed.success) throw new Error(`--stage: ${parsed.error.issues[0]?.message}. ${USAGE}`);
  const endpoint = awsEndpointFromEnv(env);
  const kafkaEnv = Object.fromEntries(
    Object.entries(env).filter(([k, v]) => k.startsWith("KAFKA_") && v !== undefined && v !== ""),
  );
  const timeout = int(env, "GG_DEPLOY_CHECK_KAFKA_TIMEOUT_MS", { min: 1 }) ?? 8_000;
  return {
    command,
    stage: parsed.data,
    force: flags.has("--force"),
    diff: flags.has("--diff"),
    aws: AwsSettings.parse({ ...awsFromEnv(env, endpoint), region: regionOf(parsed.data) }),
    kafkaEnv,
    kafkaTimeoutMs: Number.isFinite(timeout) && timeout > 0 ? timeout : 8_000,
  };
}
