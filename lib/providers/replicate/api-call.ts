// Our retry policy around every Replicate API call (the client's own is disabled, see
// ./transport.ts): a 429 waits for its hint (and pauses all creates in this process), 5xx and
// network errors back off exponentially with jitter. Past the budget the error goes to the
// job as transient, so the queue retries later; anything else fails at once.
import { logger } from "../../logger";
import { apiError, retryAfterMs, statusOf } from "./errors";
import { createLimiter, sleep } from "./rate-limit";

export type ApiKind = "create" | "read" | "cancel" | "upload";

const MAX_ATTEMPTS = { create: 6, read: 8, cancel: 4, upload: 4 } as const;
const MAX_WAIT_MS = 60_000;

export async function callApi<T>(
  kind: ApiKind,
  what: string,
  op: () => Promise<T>,
  signal?: AbortSignal,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    if (kind === "create") await createLimiter.take(signal);
    else signal?.throwIfAborted();
    try {
      return await op();
    } catch (err) {
      if (signal?.aborted) throw signal.reason ?? err;
      const status = statusOf(err);
      const retryable = status === 429 || status === 0 || (status !== undefined && status >= 500);
      if (!retryable || attempt >= MAX_ATTEMPTS[kind]) throw apiError(err, what);
      const backoff =
        Math.min(MAX_WAIT_MS, 500 * 2 ** (attempt - 1)) * (0.75 + Math.random() * 0.5);
      const wait = status === 429 ? Math.min(MAX_WAIT_MS, retryAfterMs(err) ?? backoff) : backoff;
      if (status === 429 && kind === "create") createLimiter.pause(wait);
      logger.info("replicate call retried", { kind, status, attempt, waitMs: Math.round(wait) });
      await sleep(wait, signal);
    }
  }
}
