import { type AttemptOutcome, classifyStatus } from "./retry";
import type { ApiRequest, ApiTarget } from "./target";

/**
 * One attempt: build the request, send it, read the answer to the end (so the keep-alive socket
 * is reused) and classify it. Network errors and timeouts are transient.
 */
export async function sendOnce(
  target: ApiTarget,
  build: () => ApiRequest | Promise<ApiRequest>,
  hooks: { onError?: (why: string) => void } = {},
): Promise<AttemptOutcome> {
  let status: number;
  let body: string;
  try {
    ({ status, body } = await target.send(await build()));
  } catch (e) {
    hooks.onError?.(errorText(e));
    return "retry";
  }
  const outcome = classifyStatus(status, status >= 200 && status < 300 ? "" : body);
  if (outcome !== "ok") hooks.onError?.(`${status} ${body.slice(0, 200)}`);
  return outcome;
}

function errorText(e: unknown): string {
  if (!(e instanceof Error)) return String(e);
  const cause = (e as { cause?: unknown }).cause;
  const why = cause instanceof Error ? `: ${cause.message}` : "";
  return `${e.name}: ${e.message}${why}`;
}
