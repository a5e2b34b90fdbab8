import { z } from "zod";

const currentYear = () => new Date().getUTCFullYear();

/** POST /users/ body (contract §1); unknown fields are ignored, as FastAPI does. */
export const CreateUser = z.object({
  username: z.string().trim().min(1).max(150),
  tos_version_accepted: z.number().int().min(1).max(2_147_483_647).default(1),
  tos_accepted_at: z.iso.datetime({ offset: true }).nullish(),
  country_of_residence: z.string().length(2).nullish(),
  year_of_birth: z
    .number()
    .int()
    .min(1900)
    .refine((y) => y <= currentYear(), { message: "year_of_birth is in the future" })
    .nullish(),
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
