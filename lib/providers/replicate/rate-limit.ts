// Replicate limits prediction creation (about 600 a minute). A token bucket per process keeps
// us under REPLICATE_CREATES_PER_MINUTE; with several worker processes each has its own bucket,
// so set the variable to the account's limit divided by the number of workers. A 429 that
// still gets through is honoured by ./api-call.ts, and pauses every create in this process.
import { env } from "../../env";
import { ProviderError } from "../types";

export class CreateLimiter {
  private tokens: number;
  private last = Date.now();
  private pausedUntil = 0;
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly perMinute: number) {
    // A small burst only: a full minute's worth at once would invite a 429.
    this.tokens = Math.min(perMinute, 10);
  }

  /** Called on a 429: nobody in this process creates until the hint has passed. */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, Date.now() + ms);
  }

  /** Resolves when a create may be sent; rejects when the signal aborts first. */
  take(signal?: AbortSignal): Promise<void> {
    const turn = this.queue.then(() => this.wait(signal));
    this.queue = turn.catch(() => {});
    return turn;
  }

  private async wait(signal?: AbortSignal): Promise<void> {
    const rate = this.perMinute / 60_000;
    for (;;) {
      signal?.throwIfAborted();
      const now = Date.now();
      this.tokens = Math.min(
        Math.max(this.perMinute / 60, 1),
        this.tokens + (now - this.last) * rate,
      );
      this.last = now;
      const pause = this.pausedUntil - now;
      if (pause <= 0 && this.tokens >= 1) {
        this.tokens -= 1;
        return;
      }
      await sleep(Math.max(pause, (1 - this.tokens) / rate, 5), signal);
    }
  }
}

export const createLimiter = new CreateLimiter(env.REPLICATE_CREATES_PER_MINUTE);

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted)
      return reject(signal.reason ?? new ProviderError("Cancelled.", "permanent"));
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(timer);
      reject(signal?.reason ?? new ProviderError("Cancelled.", "permanent"));
    }
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
