// What every provider-calling job shares: a private temp folder, cancellation (the user
// cancels, the session is deleted, or another run finished the asset), and sorting errors
// into "retry" and "give up".
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { getAssetStatus } from "../db/queries/assets";
import { getSessionLiveness } from "../db/queries/sessions";
import { ProviderError } from "../providers/types";

export async function withWorkDir<T>(fn: (dir: string) => Promise<T>): Promise<T> {
  const dir = await mkdtemp(path.join(tmpdir(), "adsmith-job-"));
  try {
    return await fn(dir);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Aborts when the session stops wanting this work; checked every second while it runs. */
export function watchCancellation(
  sessionId: string,
  assetId?: string,
): { signal: AbortSignal; stop: () => void } {
  const controller = new AbortController();
  const timer = setInterval(async () => {
    try {
      const s = await getSessionLiveness({ id: sessionId });
      let stop = !s || s.deleted || s.status === "cancelled";
      if (!stop && assetId) stop = (await getAssetStatus({ id: assetId })) !== "generating";
      if (stop) controller.abort(new ProviderError("Cancelled.", "permanent"));
    } catch {
      // a failed check is not a reason to stop the work
    }
  }, 1000);
  timer.unref();
  return { signal: controller.signal, stop: () => clearInterval(timer) };
}

/** Unknown errors (bugs, disk full, ffmpeg crashes) count as transient: a retry may pass. */
export function classify(err: unknown): ProviderError {
  if (err instanceof ProviderError) return err;
  const message = err instanceof Error ? err.message : String(err);
  if (/ENOSPC|no space left/i.test(message)) {
    return new ProviderError(
      "The server ran out of disk space while saving your file. Try again shortly.",
      "transient",
    );
  }
  return new ProviderError(
    `Something went wrong while generating: ${message.slice(0, 300)}`,
    "transient",
  );
}

export type JobAttempt = { retryCount: number; retryLimit: number };

export function shouldRetry(err: ProviderError, job: JobAttempt, signal?: AbortSignal): boolean {
  return err.kind === "transient" && !signal?.aborted && job.retryCount < job.retryLimit;
}
