import { type AttemptOutcome, classifyStatus } from "./retry";
import type { ApiTarget } from "./target";

/**
 * One attempt: build the request (fresh each time: a body stream is single-use), send it, read the
 * answer to the end (so the keep-alive socket is reused) and classify it. Network errors and
 * timeouts are transient.
 */
export async function sendOnce(
  target: ApiTarget,
  build: () => Promise<Request>,
  hooks: { onError?: (why: string) => void } = {},
): Promise<AttemptOutcome> {
  let response: Response;
  try {
    response = await target.fetch(await build());
  } catch (e) {
    hooks.onError?.(errorText(e));
    return "retry";
  }
  const body = await response.text().catch(() => "");
  const outcome = classifyStatus(response.status, response.ok ? "" : body);
  if (outcome !== "ok") hooks.onError?.(`${response.status} ${body.slice(0, 200)}`);
  return outcome;
}

function errorText(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = (e as { cause?: unknown }).cause;
  const why = cause instanceof Error ? `: ${cause.message}` : "";
  return `${e.name}: ${e.message}${why}`;
}
