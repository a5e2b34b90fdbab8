import { AppError, isAppError } from "../errors/index";

/** The HTTP status of an AWS SDK error, if the service answered at all. */
export function awsStatus(e: unknown): number | undefined {
  return (e as { $metadata?: { httpStatusCode?: number } } | null)?.$metadata?.httpStatusCode;
}

/** The AWS error name (`NoSuchKey`, `ResourceNotFoundException`, ...). */
export function awsErrorName(e: unknown): string | undefined {
  const name = (e as { name?: unknown } | null)?.name;
  return typeof name === "string" ? name : undefined;
}

/**
 * Translates an AWS SDK error: no answer (network) or a 5xx/throttle is UNAVAILABLE and
 * retriable; anything else (access denied, bad request) is INTERNAL: retrying will not help.
 */
export function fromAwsError(e: unknown, dependency: string, action: string): AppError {
  if (isAppError(e)) return e;
  const status = awsStatus(e);
  const name = awsErrorName(e) ?? "Error";
  const message = `${action}: ${name}: ${e instanceof Error ? e.message : String(e)}`;
  const throttled = /Throttl|SlowDown|TooManyRequests/.test(name);
  if (status === undefined || status >= 500 || status === 429 || throttled) {
    return new AppError("UNAVAILABLE", `${dependency} unavailable: ${message}`, {
      dependency,
      retriable: true,
      cause: e,
    });
  }
  return new AppError("INTERNAL", message, { dependency, cause: e });
}
