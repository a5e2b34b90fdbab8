// Per-test-file isolation by naming, never by mocking: each file gets its own database, topics
// and bucket with a random suffix, and the fixture that creates a thing also tears it down.
import { randomBytes } from "node:crypto";
import { createDatabase, createPool, dropDatabase, migrate, type Pool } from "@gg/core/db";
import { createKafka, deleteTopics, ensureTopics, type Kafka } from "@gg/core/kafka";
import { createS3Store, deleteBucket, type ObjectStore } from "@gg/core/storage";
import { stack } from "./stack";

/** A short random suffix: lowercase hex, safe in database, topic, bucket and queue names. */
export const suffix = (bytes = 6) => randomBytes(bytes).toString("hex");

const awsCredentials = { accessKeyId: "test", secretAccessKey: "test" };

/** The AWS settings of the local stack (LocalStack), for the core's AWS clients. */
export const awsConfig = () => ({
  region: stack.awsRegion,
  endpoint: stack.awsEndpoint,
  credentials: awsCredentials,
});

export interface FreshDatabase {
  name: string;
  url: string;
  pool: Pool;
  /** Closes the pool and drops the database. */
  drop(): Promise<void>;
}

/**
 * Creates `gg_test_<random>`, applies the migrations (the project's by default, `dir` to use
 * others, `false` for none) and returns a pool on it.
 */
export async function freshDatabase(
  options: { migrate?: boolean | { dir: string } } = {},
): Promise<FreshDatabase> {
  const name = `gg_test_${suffix()}`;
  const url = await createDatabase(stack.adminDatabaseUrl, name);
  const pool = createPool({ connectionString: url, max: 5, applicationName: "gg-test" });
  const drop = async () => {
    await pool.end().catch(() => {});
    await dropDatabase(stack.adminDatabaseUrl, name);
  };
  try {
    const m = options.migrate ?? true;
    if (m !== false) await migrate(pool, m === true ? {} : { dir: m.dir });
  } catch (e) {
    await drop();
    throw e;
  }
  return { name, url, pool, drop };
}

/** A topic name unique to this run: `<prefix>.<random>`. */
export const randomTopic = (prefix: string) => `${prefix}.${suffix()}`;

/** A Kafka client on the local broker, quiet below errors (tests assert, they do not log). */
export const testKafka = (brokers: string[] = stack.kafkaBrokers): Kafka =>
  createKafka({ brokers, clientId: "gg-test", logLevel: "error" });

export interface FreshTopic {
  name: string;
  drop(): Promise<void>;
}

/**
 * Deletes the topics whose names start with `prefix` (a test API's own, auto-created as it
 * published). Best effort: the broker keeps every topic it is given, and one it keeps loads at
 * each start (3,000 test topics here took its start to 75 s at 1.3 cores).
 */
export async function dropTopicsWithPrefix(prefix: string, kafka = testKafka()): Promise<void> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    const mine = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    if (mine.length > 0) await deleteTopics(kafka, mine);
  } catch {
    // A left topic is harmless to the next run.
  } finally {
    await admin.disconnect().catch(() => {});
  }
}

/** Creates a random topic with `numPartitions` and returns it with its teardown. */
export async function freshTopic(
  kafka: Kafka,
  prefix: string,
  numPartitions = 3,
): Promise<FreshTopic> {
  const name = randomTopic(prefix);
  await ensureTopics(kafka, [name], { numPartitions });
  return { name, drop: () => deleteTopics(kafka, [name]) };
}

export interface FreshBucket {
  bucket: string;
  store: ObjectStore;
  /** Empties and deletes the bucket. */
  drop(): Promise<void>;
}

/** Creates bucket `gg-test-<random>` on LocalStack with an S3 ObjectStore on it. */
export async function freshBucket(): Promise<FreshBucket> {
  const config = { bucket: `gg-test-${suffix()}`, ...awsConfig() };
  const store = createS3Store(config);
  await store.ensureBucket();
  return { bucket: config.bucket, store, drop: () => deleteBucket(config) };
}
