import { join } from "node:path";
import { capacity } from "./capacity";
import { database } from "./database";
import { kafka } from "./kafka";
import { lambdaDefaults } from "./lambda";
import { hashMigrations } from "./migrations-hash";
import { images } from "./storage";
import { trafficSchedule } from "./traffic-schedule";

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
  copyFiles: [{ from: MIGRATIONS_DIR, to: "migrations" }],
});

// Applied on deploy: Pulumi invokes the function on create and whenever the migrations' digest
// changes. A handler error fails the deploy, and the API waits for this (dependsOn in api.ts).
export const migration = new aws.lambda.Invocation("MigrateOnDeploy", {
  functionName: migrator.name,
  input: JSON.stringify({ migrationsHash }),
  triggers: { migrationsHash },
});
