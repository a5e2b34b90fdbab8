// The one place a deploy's AWS region is chosen. sst.config.ts pins the AWS provider to it, so
// neither the profile's region nor AWS_REGION decides where a stage lands; the cost table in
// infra/README.md and `pnpm deploy:check` read it too. No SST globals here.

/** Where every stage deploys. The prices in infra/cost-plan.ts are this region's list prices. */
export const REGION = "us-east-1";

/** The region of a stage (one for all stages today: one line to change for another region). */
export function regionOf(_stage: string): string {
  return REGION;
}
