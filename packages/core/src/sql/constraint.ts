import { fromPgError, pgDetails } from "../db/index";
import { AppError } from "../errors/index";

/**
 * Translate a driver error, naming the missing row or broken rule in words a client understands
 * (`comments_image_id_fkey` → "Image not found") instead of the constraint's name.
 */
export function translate(e: unknown, messages: Record<string, string>): AppError {
  const error = fromPgError(e);
  const constraint = pgDetails(e)?.constraint;
  const message = constraint ? messages[constraint] : undefined;
  if (!message) return error;
  return new AppError(error.code, message, {
    dependency: error.dependency,
    retriable: error.retriable,
    cause: error.cause ?? e,
  });
}
