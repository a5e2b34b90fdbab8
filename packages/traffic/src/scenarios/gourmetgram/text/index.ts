/** Generated text: usernames and profiles, captions, comments and flag reasons (seeded Faker). */
export { caption, comment, flagReason, type NewUser, newUser } from "./generate";
export {
  BIRTH_YEARS,
  COUNTRIES,
  type Country,
  DISHES,
  FLAG_REASONS,
  type FlagReason,
} from "./vocabulary";
