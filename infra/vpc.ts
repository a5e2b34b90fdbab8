// Two AZs because RDS needs a subnet group spanning two. NAT is required: the functions sit in
// private subnets (next to the database) and must reach an external Kafka, the API's public URL
// and the EventBridge API. `ec2` runs one fck-nat t4g.nano per AZ (~$3/mo each plus its public
// IPv4) instead of managed NAT gateways (~$33/mo each); fine at this traffic.
export const vpc = new sst.aws.Vpc("Vpc", { az: 2, nat: "ec2" });
