import { type Env, flag, int, read } from "../env/index";

/** A TCP port, for `int`. */
export const PORT = { min: 1, max: 65_535 };

/**
 * The local stack of `pnpm services` (and of the compose file), on the ports it was told to use:
 * GG_PG_PORT (5432), GG_KAFKA_PORT (9092) and GG_LOCALSTACK_PORT (4566), as `pnpm services` reads
 * them.
 */
export function localStackOf(env: Env) {
  const port = (name: string, fallback: number) => int(env, name, PORT) ?? fallback;
  return {
    databaseUrl: `postgres://postgres:postgres@127.0.0.1:${port("GG_PG_PORT", 5432)}/gourmetgram`,
    kafkaBrokers: `127.0.0.1:${port("GG_KAFKA_PORT", 9092)}`,
    awsEndpoint: `http://127.0.0.1:${port("GG_LOCALSTACK_PORT", 4566)}`,
  };
}

/** The local stack on its default ports. */
export const LOCAL_STACK = localStackOf({});

/** GG_LOCAL_STACK=1: use the whole `pnpm services` stack at once. */
export const usesLocalStack = (env: Env) => flag(env, "GG_LOCAL_STACK") ?? false;

/** DATABASE_URL, else the local stack's with GG_LOCAL_STACK=1, else the deployable's default. */
export function databaseUrlFromEnv(env: Env, fallback?: string): string | undefined {
  return (
    read(env, "DATABASE_URL") ?? (usesLocalStack(env) ? localStackOf(env).databaseUrl : fallback)
  );
}

/**
 * An AWS client's region, endpoint and keys. `endpoint` is an emulator's (LocalStack), unset on
 * AWS. An emulator takes any keys, and without static ones the SDK would look for real ones and
 * fail, so an endpoint without AWS_ACCESS_KEY_ID gets `test` keys.
 */
export function awsFromEnv(env: Env, endpoint: string | undefined) {
  return {
    region: read(env, "AWS_REGION"),
    endpoint,
    credentials:
      endpoint && !read(env, "AWS_ACCESS_KEY_ID")
        ? { accessKeyId: "test", secretAccessKey: "test" }
        : undefined,
  };
}

/** AWS_ENDPOINT_URL, else LocalStack's with GG_LOCAL_STACK=1; `override` names a per-service one. */
export function awsEndpointFromEnv(env: Env, override?: string): string | undefined {
  return (
    (override ? read(env, override) : undefined) ??
    read(env, "AWS_ENDPOINT_URL") ??
    (usesLocalStack(env) ? localStackOf(env).awsEndpoint : undefined)
  );
}
