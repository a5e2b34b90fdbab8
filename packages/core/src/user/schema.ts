import { z } from "zod";
import { DateTime, text } from "../fields/index";

// The year this process started: a bound the document can state. A process does not outlive a
// New Year by much (Lambda recycles them), and the table's own check reads the current year.
const THIS_YEAR = new Date().getUTCFullYear();

/** POST /users/ body (contract §1); unknown fields are ignored, as FastAPI does. */
export const CreateUser = z.object({
  username: text({ max: 150, trim: true }),
  tos_version_accepted: z.number().int().min(1).max(2_147_483_647).default(1),
  tos_accepted_at: DateTime().nullish(),
  country_of_residence: text({ min: 2, max: 2 }).nullish(),
  year_of_birth: z.number().int().min(1900).max(THIS_YEAR).nullish(),
  is_test_account: z.boolean().default(false),
});
export type CreateUser = z.infer<typeof CreateUser>;

/** A `users` row as the API returns it. */
export const User = z.object({
  id: z.uuid(),
  username: z.string(),
  tos_version_accepted: z.number().int(),
  tos_accepted_at: z.string().nullable(),
  country_of_residence: z.string().nullable(),
  year_of_birth: z.number().int().nullable(),
  is_test_account: z.boolean(),
  created_at: z.string(),
});
export type User = z.infer<typeof User>;
