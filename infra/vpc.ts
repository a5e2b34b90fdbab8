import { privateNetwork } from "./network";

// Two AZs because RDS needs a subnet group spanning two. A private stage (infra/network.ts) gets
// one fck-nat t4g.nano per AZ (SST makes one per AZ; a managed NAT gateway costs ~10x): its
// functions sit in the private subnets and must reach the external Kafka, the API's public URL
// and the EventBridge API. A public stage has no NAT: its RDS sits in the public subnets.
export const vpc = new sst.aws.Vpc("Vpc", { az: 2, nat: privateNetwork ? "ec2" : undefined });

/** The stage's fixed egress addresses for a Kafka allowlist (none without NAT). */
export const natIps = privateNetwork
  ? vpc.nodes.elasticIps.apply((ips) => $util.all(ips.map((ip) => ip.publicIp)))
  : $util.output([] as string[]);
