import { vpc } from "./vpc";

/**
 * What every function shares: Node 22 on Graviton (20% cheaper per GB-s than x86; the bundles are
 * pure JS), minified ESM (set explicitly rather than relying on the CLI's default), and the VPC's
 * private subnets, where the database lives.
 */
export const lambdaDefaults = {
  runtime: "nodejs22.x",
  architecture: "arm64",
  vpc,
  nodejs: { format: "esm", minify: true },
  logging: { retention: "1 month" },
} satisfies Partial<sst.aws.FunctionArgs>;
