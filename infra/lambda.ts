import { RDS_CA_FILE, rdsCaBundle } from "./rds-ca";
import { vpc } from "./vpc";

/**
 * What every function shares: Node 22 on Graviton (20% cheaper per GB-s than x86; the bundles are
 * pure JS), minified ESM (set explicitly rather than relying on the CLI's default), the RDS CA
 * bundle beside the code (functions/config.ts verifies the database's certificate with it), and
 * on a private stage the VPC's private subnets, where the database lives (infra/network.ts).
 */
export const lambdaDefaults = {
  runtime: "nodejs22.x",
  architecture: "arm64",
  ...(vpc.private ? { vpc: vpc.private } : {}),
  nodejs: { format: "esm", minify: true },
  logging: { retention: "1 month" },
  copyFiles: [{ from: rdsCaBundle($cli.paths.root), to: RDS_CA_FILE }],
} satisfies Partial<sst.aws.FunctionArgs>;
