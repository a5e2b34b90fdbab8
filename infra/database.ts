import { plan } from "./capacity";
import { vpc } from "./vpc";

// RDS Postgres, single-AZ, sized by the stage's capacity (db.t4g.micro and 20 GB up to 140
// events/s; gp3 storage autoscales up to the limit and only used GB are billed). With RDS Proxy
// the link's host is the proxy's endpoint, so the functions connect through it unchanged.
// Linked as Resource.Database.{host,port,username,password,database}.

// A public stage (infra/network.ts) reaches RDS from outside the VPC: in the public subnets, with
// a public address and Postgres open to the internet, guarded by the 32-character password and
// TLS that the functions verify (verify-full against the RDS CA, functions/config.ts).
const publicAccess = vpc.private
  ? undefined
  : new aws.ec2.SecurityGroup("DatabasePublic", {
      vpcId: vpc.id,
      description: "Postgres from anywhere: TLS forced, verified by the clients",
      ingress: [
        { protocol: "tcp", fromPort: 5432, toPort: 5432, cidrBlocks: ["0.0.0.0/0"] },
        { protocol: "tcp", fromPort: 5432, toPort: 5432, ipv6CidrBlocks: ["::/0"] },
      ],
      egress: [],
    });

export const database = new sst.aws.Postgres("Database", {
  vpc: vpc.private ?? { subnets: vpc.publicSubnets },
  version: "17",
  instance: plan.db.instance,
  storage: `${plan.db.storageGb} GB`,
  proxy: plan.db.proxy,
  database: "gourmetgram",
  transform: {
    // SST sets rds.force_ssl to 0; every client of ours speaks TLS, so refuse plain text.
    parameterGroup: (args) => {
      args.parameters = [
        { name: "rds.force_ssl", value: "1" },
        { name: "rds.logical_replication", value: "1", applyMethod: "pending-reboot" },
      ];
    },
    instance: (args) => {
      if (!publicAccess) return;
      args.publiclyAccessible = true;
      args.vpcSecurityGroupIds = [publicAccess.id];
    },
  },
});
