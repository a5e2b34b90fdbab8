import { AppError, isAppError } from "../errors/index";

// Protocol errors that no retry can fix: they are our input's fault, not the broker's health.
const tooLarge = new Set(["MESSAGE_TOO_LARGE", "RECORD_LIST_TOO_LARGE"]);
const badInput = new Set(["INVALID_TOPIC_EXCEPTION", "INVALID_RECORD", "CORRUPT_MESSAGE"]);

/**
 * Translates a kafkajs error into an AppError. Everything that is not plainly our input's fault
 * (connection, timeout, leadership, retries exhausted) is UNAVAILABLE and retriable.
 */
export function fromKafkaError(e: unknown, action = "kafka"): AppError {
  if (isAppError(e)) return e;
  const type = kafkaErrorType(e);
  const message = e instanceof Error ? e.message : String(e);
  if (type && tooLarge.has(type)) {
    return new AppError("TOO_LARGE", `${action}: ${message}`, { dependency: "kafka", cause: e });
  }
  if (type && badInput.has(type)) {
    return new AppError("INVALID_INPUT", `${action}: ${message}`, {
      dependency: "kafka",
      cause: e,
    });
  }
  return new AppError("UNAVAILABLE", `${action}: kafka unavailable: ${message}`, {
    dependency: "kafka",
    retriable: true,
    cause: e,
  });
}

/** The broker error a kafkajs error names: its own `type`, or the one retries wrapped. */
export function kafkaErrorType(e: unknown): string | undefined {
  // Retries-exhausted errors wrap the last broker error as `originalError`.
  const inner = (e as { originalError?: unknown } | null)?.originalError;
  const type = (e as { type?: unknown } | null)?.type ?? (inner as { type?: unknown } | null)?.type;
  return typeof type === "string" ? type : undefined;
}
