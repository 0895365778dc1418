// One prediction from creation (or re-attachment) to a final state. The id is handed to the
// caller the moment it exists, so a crash never loses a paid call; polling backs off up to
// REPLICATE_POLL_MAX_SECONDS and a webhook delivered to this process wakes the poller at once.
// Abort → the prediction is cancelled; a prediction past its deadline is cancelled and fails.
import { env } from "../../env";
import { logger } from "../../logger";
import { ProviderError, type CallContext } from "../types";
import { callApi } from "./api-call";
import { replicateClient } from "./client";
import { predictionFailure } from "./errors";
import { isTerminal, predictionSchema, type Prediction } from "./prediction-shape";
import { sleep } from "./rate-limit";
import { webhookTarget } from "./webhook-target";

export type PredictionSpec = {
  /** owner/name of the model; `version` pins a community model's version. */
  model: string;
  version?: string;
  input: Record<string, unknown>;
  /** Words for messages: "image", "video", "music", "text". */
  what: string;
  /** Default seconds before a silent prediction is cancelled (REPLICATE_DEADLINE_SECONDS overrides). */
  deadlineSeconds: number;
  /** Ask for webhooks (when PUBLIC_URL is set): they complete assets, or wake a waiting poller. */
  webhook?: boolean;
};

const wakers = new Map<string, Set<() => void>>();

/** A webhook for this prediction arrived in this process: poll it now. True if someone was waiting. */
export function wakePoller(predictionId: string): boolean {
  const set = wakers.get(predictionId);
  set?.forEach((wake) => wake());
  return Boolean(set?.size);
}

function parse(raw: unknown, what: string): Prediction {
  const p = predictionSchema.safeParse(raw);
  if (!p.success) throw new ProviderError(`The ${what} service sent an answer we could not read. We'll try again.`, "transient");
  return p.data;
}

export async function runPrediction(spec: PredictionSpec, ctx: CallContext): Promise<Prediction> {
  const client = replicateClient();
  const { signal } = ctx;
  let p: Prediction | undefined;
  if (ctx.existingPredictionId) {
    const id = ctx.existingPredictionId;
    p = parse(await callApi("read", spec.what, () => client.predictions.get(id, { signal }), signal), spec.what);
    // One that failed or was cancelled was already paid for and reported: run it again.
    if (p.status !== "succeeded" && isTerminal(p.status)) p = undefined;
  }
  if (!p) {
    const target = spec.webhook ? webhookTarget() : undefined;
    const body = { input: spec.input, ...(target ?? {}), signal };
    const created = await callApi(
      "create",
      spec.what,
      () => client.predictions.create(spec.version ? { ...body, version: spec.version } : { ...body, model: spec.model }),
      signal,
    );
    p = parse(created, spec.what);
    try {
      await ctx.onPredictionCreated?.(p.id);
    } catch (err) {
      // We could not write the id down: nobody would find this prediction after a crash.
      await cancelQuietly(p.id, spec.what);
      throw err;
    }
  }
  const deadlineMs = (env.REPLICATE_DEADLINE_SECONDS ?? spec.deadlineSeconds) * 1000;
  const startedAt = Date.parse(p.created_at ?? "") || Date.now();
  let wait = 250;
  while (!isTerminal(p.status)) {
    if (signal?.aborted) {
      await cancelQuietly(p.id, spec.what);
      throw signal.reason ?? new ProviderError("Cancelled.", "permanent");
    }
    if (Date.now() - startedAt > deadlineMs) {
      await cancelQuietly(p.id, spec.what);
      const minutes = Math.max(1, Math.round(deadlineMs / 60_000));
      throw new ProviderError(
        `The ${spec.what} model did not finish within ${deadlineMs < 60_000 ? `${Math.round(deadlineMs / 1000)} seconds` : `${minutes} minute${minutes === 1 ? "" : "s"}`}, so we cancelled it. Retry to try again.`,
        "permanent",
      );
    }
    await wakeableSleep(p.id, Math.min(wait, deadlineMs - (Date.now() - startedAt) + 10), signal).catch(() => {});
    wait = Math.min(wait * 2, env.REPLICATE_POLL_MAX_SECONDS * 1000);
    if (signal?.aborted) continue;
    const id = p.id;
    p = parse(await callApi("read", spec.what, () => client.predictions.get(id, { signal }), signal), spec.what);
  }
  if (p.status === "succeeded") return p;
  if (p.status === "failed") throw predictionFailure(p.error, spec.what);
  throw new ProviderError(`The ${spec.what} request was cancelled at Replicate. Retry to start it again.`, "permanent");
}

function wakeableSleep(id: string, ms: number, signal?: AbortSignal): Promise<void> {
  const local = new AbortController();
  const set = wakers.get(id) ?? new Set();
  const wake = () => local.abort();
  set.add(wake);
  wakers.set(id, set);
  const onAbort = () => local.abort();
  signal?.addEventListener("abort", onAbort, { once: true });
  return sleep(Math.max(0, ms), local.signal).finally(() => {
    set.delete(wake);
    if (set.size === 0) wakers.delete(id);
    signal?.removeEventListener("abort", onAbort);
  });
}

/** Cancels unless it already finished (a webhook may have completed it in another process). */
async function cancelQuietly(id: string, what: string): Promise<void> {
  try {
    const client = replicateClient();
    const now = parse(await callApi("read", what, () => client.predictions.get(id)), what);
    if (isTerminal(now.status)) return;
    await callApi("cancel", what, () => client.predictions.cancel(id));
    logger.info("replicate prediction cancelled", { predictionId: id });
  } catch (err) {
    logger.warn("replicate prediction could not be cancelled", { predictionId: id, error: err instanceof Error ? err.message : String(err) });
  }
}
