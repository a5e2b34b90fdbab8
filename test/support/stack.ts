// The one place tests read where the services are. Defaults match `pnpm services up`; the
// connection variables it prints (or GG_*_PORT, to move a whole stack) override them.
const env = process.env;
const host = "127.0.0.1";
const pgPort = env.GG_PG_PORT ?? "5432";
const kafkaPort = env.GG_KAFKA_PORT ?? "9092";
const localstackPort = env.GG_LOCALSTACK_PORT ?? "4566";
// The broker's SASL_PLAINTEXT listener (SCRAM-SHA-512), two ports above it as `services` opens it.
const kafkaSaslPort = env.GG_KAFKA_SASL_PORT ?? String(Number(kafkaPort) + 2);

const databaseUrl =
  env.DATABASE_URL ?? `postgres://postgres:postgres@${host}:${pgPort}/gourmetgram`;

/** The same server's `postgres` database: for creating and dropping per-test databases. */
function adminUrl(url: string): string {
  const admin = new URL(url);
  admin.pathname = "/postgres";
  return admin.toString();
}

export interface Stack {
  databaseUrl: string;
  adminDatabaseUrl: string;
  kafkaBrokers: string[];
  /** The same broker's SASL listener: user and password are @gg/services' KAFKA_SASL_USER. */
  kafkaSaslBroker: string;
  awsEndpoint: string;
  awsRegion: string;
}

export const stack: Stack = {
  databaseUrl,
  adminDatabaseUrl: adminUrl(databaseUrl),
  kafkaBrokers: (env.KAFKA_BROKERS ?? `${host}:${kafkaPort}`).split(",").map((b) => b.trim()),
  kafkaSaslBroker: `${host}:${kafkaSaslPort}`,
  awsEndpoint: env.AWS_ENDPOINT_URL ?? `http://${host}:${localstackPort}`,
  awsRegion: env.AWS_REGION ?? "us-east-1",
};
