/**
 * The closed error vocabulary of the whole project. Driver errors are translated into these at
 * the edge (see `fromPgError`); the API's single `onError` maps them to HTTP statuses.
 */
export const Codes = [
  "NOT_FOUND",
  "CONFLICT",
  "INVALID_INPUT",
  "UNAUTHORIZED",
  "FORBIDDEN",
  "TOO_LARGE",
  "UNSUPPORTED_MEDIA",
  "UNAVAILABLE",
  "INTERNAL",
] as const;
export type Code = (typeof Codes)[number];

export interface AppErrorOptions {
  /** Whether repeating the same call later may succeed (a dependency outage, a timeout). */
  retriable?: boolean;
  /** The dependency involved, e.g. "postgres", "kafka", "s3". */
  dependency?: string;
  /** For INVALID_INPUT: the location of the bad field, FastAPI-style (`["body","username"]`). */
  loc?: (string | number)[];
  cause?: unknown;
}

/** An error whose code the API knows how to answer. */
export class AppError extends Error {
  readonly code: Code;
  readonly retriable: boolean;
  readonly dependency: string | undefined;
  readonly loc: (string | number)[] | undefined;

  constructor(code: Code, message: string, options: AppErrorOptions = {}) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.retriable = options.retriable ?? code === "UNAVAILABLE";
    this.dependency = options.dependency;
    this.loc = options.loc;
  }
}

export const notFound = (message: string, options?: AppErrorOptions) =>
  new AppError("NOT_FOUND", message, options);
export const conflict = (message: string, options?: AppErrorOptions) =>
  new AppError("CONFLICT", message, options);
export const invalidInput = (message: string, options?: AppErrorOptions) =>
  new AppError("INVALID_INPUT", message, options);
export const unavailable = (dependency: string, message: string, cause?: unknown) =>
  new AppError("UNAVAILABLE", message, { dependency, retriable: true, cause });

export const isAppError = (e: unknown): e is AppError => e instanceof AppError;
