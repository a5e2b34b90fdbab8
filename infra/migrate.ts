import { join } from "node:path";
import { capacity, plan } from "./capacity";
import { database } from "./database";
import { kafka } from "./kafka";
import { lambdaDefaults } from "./lambda";
import { migrateTriggers } from "./migrate-triggers";
import { hashMigrations } from "./migrations-hash";
import { images } from "./storage";
import { trafficSchedule } from "./traffic-schedule";
import { vpc } from "./vpc";

const MIGRATIONS_DIR = "packages/core/migrations";
const migrationsHash = hashMigrations(join($cli.paths.root, MIGRATIONS_DIR));

// Prepares every store on deploy: the schema (SQL files ship beside the bundle, in
// /var/task/migrations), the Kafka topics and the bucket. On a fresh stage whose traffic is on by
// default (staging: TrafficSchedule.onByDefault) it also seeds the background stream (150/h), so
// the rule the deploy creates ENABLED has a stream to run; later deploys never re-seed.
export const migrator = new sst.aws.Function("Migrate", {
  ...lambdaDefaults,
  handler: "functions/migrate.handler",
  timeout: "5 minutes",
  link: [database, kafka, images, trafficSchedule, capacity],
  copyFiles: [...lambdaDefaults.copyFiles, { from: MIGRATIONS_DIR, to: "migrations" }],
});

const { brokers, ssl, mechanism, username } = kafka.properties;
const triggers = $util
  .all([brokers, ssl, mechanism, username])
  .apply(([b, s, m, u]) =>
    migrateTriggers(
      migrationsHash,
      { brokers: b, ssl: s, mechanism: m, username: u },
      plan.kafkaPartitions,
    ),
  );

// Applied on deploy: Pulumi invokes the function on create and whenever a trigger changes (the
// SQL files, the Kafka cluster or principal, the partition count, the topic names). A handler
// error fails the deploy; the API, the control plane, the generator's rule and target and the
// relay's schedule all wait for it (dependsOn), so no minute runs against an unmigrated stage.
// On a private stage it also waits for the VPC whole (the NAT instances and the private routes
// to them); the handler then retries while the NAT finishes booting (prepareStoresOnDeploy).
export const migration = new aws.lambda.Invocation(
  "MigrateOnDeploy",
  { functionName: migrator.name, input: triggers.apply((t) => JSON.stringify(t)), triggers },
  { dependsOn: vpc.private ? [vpc.private] : [] },
);
