// What every local provider call shares: abort handling, error mapping and the $0 call
// record with the real, measured latency (the cost ledger stores one row per call).
import { FfmpegError } from "../../media/ffmpeg";
import { type CallContext, type CallRecord, ProviderError, type ProviderResult } from "../types";

export const LOCAL_MODELS = {
  llm: "local-rules-1",
  image: "local-studio-1",
  video: "local-camera-1",
  music: "local-synth-1",
} as const;

/**
 * Rejects with the signal's reason when the call was cancelled. The reason (an AbortError
 * DOMException by default) is what callers see for every cancelled local call, never a
 * ProviderError, so a cancellation is not mistaken for a failure worth retrying.
 */
export function throwIfAborted(signal?: AbortSignal): void {
  signal?.throwIfAborted();
}

/** Lets the event loop breathe between chunks of synchronous work and notices an abort. */
export async function checkpoint(signal?: AbortSignal): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  throwIfAborted(signal);
}

/**
 * Runs one provider call: checks the signal before and after, measures latency, and maps
 * unexpected failures onto ProviderError. Local work fails the same way when repeated, so
 * failures are permanent, except timeouts (the machine may just have been busy).
 */
export async function localCall<T>(
  model: string,
  ctx: CallContext,
  work: () => Promise<{ output: T; metadata?: Record<string, unknown>; secondsProcessed?: number }>,
): Promise<ProviderResult<T>> {
  throwIfAborted(ctx.signal);
  const started = performance.now();
  try {
    const { output, metadata, secondsProcessed } = await work();
    throwIfAborted(ctx.signal);
    const call: CallRecord = {
      amountUsd: 0,
      provider: "local",
      model,
      latencyMs: Math.max(1, Math.round(performance.now() - started)),
      ...(secondsProcessed !== undefined ? { secondsProcessed } : {}),
      ...(metadata ? { metadata } : {}),
    };
    return { output, call };
  } catch (err) {
    throwIfAborted(ctx.signal);
    if (err instanceof ProviderError) throw err;
    if (err instanceof FfmpegError && err.code === null && /longer than/.test(err.message)) {
      throw new ProviderError(`${model}: ${err.message}`, "transient");
    }
    const message = err instanceof Error ? err.message : String(err);
    throw new ProviderError(`${model}: ${message}`, "permanent");
  }
}
