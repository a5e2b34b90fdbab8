import { KafkaSettings } from "@gg/core/kafka";
import { z } from "zod";
import { ApiConfig } from "./config";

export const StorageSettings = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("s3"),
    bucket: z.string().min(3),
    region: z.string().default("us-east-1"),
    /** An S3-compatible endpoint (LocalStack); unset for AWS itself. */
    endpoint: z.string().url().optional(),
    /** Static keys, for emulators; unset on AWS, where the function's role signs. */
    credentials: z
      .object({ accessKeyId: z.string().min(1), secretAccessKey: z.string().min(1) })
      .optional(),
  }),
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
  /** Null: events stay in the outbox and are appended to `<eventsDir>/<topic>.jsonl`. */
  kafka: KafkaSettings.nullable(),
  eventsDir: z.string().default(".local/events"),
  storage: StorageSettings,
});
export type ApiSettings = z.infer<typeof ApiSettings>;

/** What the outbox relay needs: the database and where events go. */
export type RelaySettings = Pick<ApiSettings, "databaseUrl" | "kafka" | "eventsDir">;
