import { plan } from "./capacity";
import { vpc } from "./vpc";

// RDS Postgres, single-AZ, sized by the stage's capacity (db.t4g.micro and 20 GB up to 140
// events/s; gp3 storage autoscales up to the limit and only used GB are billed). With RDS Proxy
// the link's host is the proxy's endpoint, so the functions connect through it unchanged.
// Linked as Resource.Database.{host,port,username,password,database}.
export const database = new sst.aws.Postgres("Database", {
  vpc,
  version: "17",
  instance: plan.db.instance,
  storage: `${plan.db.storageGb} GB`,
  proxy: plan.db.proxy,
  database: "gourmetgram",
});
