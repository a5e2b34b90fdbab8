import { z } from "zod";

/** Where an AWS client talks to and as whom: every client of ours is built from one. */
export const AwsSettings = z.object({
  region: z.string().default("us-east-1"),
  /** An emulator's endpoint (LocalStack); unset on AWS. */
  endpoint: z.string().url().optional(),
  /** Static keys, for emulators; default the SDK's provider chain (the Lambda role deployed). */
  credentials: z
    .object({
      accessKeyId: z.string().min(1),
      secretAccessKey: z.string().min(1),
      sessionToken: z.string().optional(),
    })
    .optional(),
});
export type AwsConfig = z.infer<typeof AwsSettings>;

/** The options every SDK client constructor takes, from our config (one place to add retries). */
export function clientConfig(config: AwsConfig) {
  return { region: config.region, endpoint: config.endpoint, credentials: config.credentials };
}
