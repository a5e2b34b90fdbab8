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
