import { AwsSettings } from "@gg/core/aws";
import { KafkaSettings } from "@gg/core/kafka";
import { z } from "zod";

/**
 * What the API needs to know. Each deployable (Lambda entry, local server) reads its environment
 * once, builds one of these, and passes it down; nothing in this package reads `process.env`.
 */
export const ApiConfig = z.object({
  /** Largest accepted upload, in bytes (default 10 MB). */
  uploadMaxBytes: z
    .number()
    .int()
    .positive()
    .default(10 * 1024 * 1024),
  /** When set, every write needs `x-api-key` (or `Authorization: Bearer`) equal to it. */
  apiKey: z.string().min(1).optional(),
  /**
   * Without a key, the Host names served besides loopback ones (`*`: any). Lambdas take any: a
   * Function URL only routes requests that name it.
   */
  allowedHosts: z.array(z.string().min(1)).optional(),
  /**
   * After a write: "await" flushes the outbox before answering (Lambda: the process may freeze
   * right after), "background" flushes without holding the response (long-lived servers).
   */
  flush: z.enum(["await", "background"]).default("background"),
  /**
   * How often the scheduled relay drains the outbox (deployed: its rate(1 minute) rule; locally:
   * `pnpm start`'s timer). /health is degraded while an event has waited longer than this.
   */
  relayPeriodSeconds: z.number().int().positive().max(3_600).default(60),
  /** Lifetime of presigned image URLs. */
  presignSeconds: z.number().int().positive().max(604_800).default(900),
});
export type ApiConfig = z.infer<typeof ApiConfig>;

export const StorageSettings = z.discriminatedUnion("kind", [
  AwsSettings.extend({ kind: z.literal("s3"), bucket: z.string().min(3) }),
  z.object({
    kind: z.literal("folder"),
    root: z.string().min(1),
    publicBaseUrl: z.string().optional(),
  }),
]);
export type StorageSettings = z.infer<typeof StorageSettings>;

/** Everything needed to build the API's dependencies; each deployable fills it from its environment. */
export const ApiSettings = z.object({
  api: ApiConfig,
  databaseUrl: z.string().min(1),
  databasePoolSize: z.number().int().positive().default(10),
  /**
   * Writes as named (prepared) statements with generic plans, planned once per connection. Off
   * behind a pooler that pins a session holding one (RDS Proxy does): each write is then planned.
   */
  databasePreparedStatements: z.boolean().default(true),
  /** Null: events stay in the outbox and are appended to `<eventsDir>/<topic>.jsonl`. */
  kafka: KafkaSettings.nullable(),
  eventsDir: z.string().default(".local/events"),
  storage: StorageSettings,
});
export type ApiSettings = z.infer<typeof ApiSettings>;

/** What the outbox relay needs: the database and where events go. */
export type RelaySettings = Pick<ApiSettings, "databaseUrl" | "kafka" | "eventsDir">;
