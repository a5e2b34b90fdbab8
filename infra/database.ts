import { vpc } from "./vpc";

// Smallest RDS Postgres: single-AZ db.t4g.micro with 20 GB gp3 (storage autoscales up to the
// limit; only used GB are billed). Linked as Resource.Database.{host,port,username,password,database}.
export const database = new sst.aws.Postgres("Database", {
  vpc,
  version: "17",
  instance: "t4g.micro",
  storage: "20 GB",
  database: "gourmetgram",
});
