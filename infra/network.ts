import { plan } from "./capacity";
import { privateNetworkFor } from "./stage-policy";

// Where the functions run, per stage (the arithmetic and what each gives up: infra/README.md,
// "What it costs"):
// - private: functions in the VPC's private subnets beside a private RDS, out through one fck-nat
//   instance per AZ, whose fixed IPs a Kafka allowlist can name. Production (real users' data)
//   and any stage behind RDS Proxy (a proxy is only reachable from inside its VPC).
// - public: no NAT at all. The functions run outside any VPC and reach RDS on its public address,
//   over TLS verified against the RDS CA, with rds.force_ssl on. It saves the NAT instances and
//   their addresses, and the first deploy has no NAT to wait for; Kafka then sees Lambda's
//   changing egress addresses, so it cannot allowlist them.
export const privateNetwork = privateNetworkFor($app.stage, plan.db.proxy);
