import { AwsSettings } from "@gg/core/aws";
import { KafkaSettings } from "@gg/core/kafka";
import { z } from "zod";
import { ApiConfig } from "./config";

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
