import {
  DescribeAvailabilityZonesCommand,
  DescribeInstanceTypeOfferingsCommand,
  type EC2Client,
} from "@aws-sdk/client-ec2";
import { type CheckResult, fail, pass } from "../report";

/**
 * The NAT instance type in the AZs the VPC will use: sst.aws.Vpc takes the region's first `az`
 * available zones, and AZ names map to different physical zones per account, so a zone without
 * t4g (e.g. us-east-1's use1-az3) fails the first deploy halfway.
 */
export async function checkZones(
  ec2: EC2Client,
  stage: { privateNetwork: boolean; natInstanceType: string; azCount: number },
): Promise<CheckResult> {
  const name = `EC2 ${stage.natInstanceType} in the VPC's AZs`;
  if (!stage.privateNetwork) return pass(name, "not needed: this stage has no NAT instance");
  const zones = await ec2.send(
    new DescribeAvailabilityZonesCommand({
      Filters: [
        { Name: "state", Values: ["available"] },
        { Name: "zone-type", Values: ["availability-zone"] },
      ],
    }),
  );
  const used = (zones.AvailabilityZones ?? [])
    .map((z) => z.ZoneName!)
    .sort()
    .slice(0, stage.azCount);
  const offered = await ec2.send(
    new DescribeInstanceTypeOfferingsCommand({
      LocationType: "availability-zone",
      Filters: [{ Name: "instance-type", Values: [stage.natInstanceType] }],
    }),
  );
  const where = new Set((offered.InstanceTypeOfferings ?? []).map((o) => o.Location));
  const lacking = used.filter((z) => !where.has(z));
  if (lacking.length === 0) return pass(name, `offered in ${used.join(", ")}`);
  const good = [...where].filter((z): z is string => Boolean(z)).sort();
  return fail(
    name,
    `not offered in ${lacking.join(", ")} (the VPC would use ${used.join(", ")})`,
    `name AZs that offer it in infra/vpc.ts (az: [${good
      .slice(0, stage.azCount)
      .map((z) => `"${z}"`)
      .join(", ")}])`,
  );
}
