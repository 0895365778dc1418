// One prediction from creation (or re-attachment) to a final state. The id is handed to the
// caller the moment it exists, so a crash never loses a paid call; polling backs off up to
// REPLICATE_POLL_MAX_SECONDS and a webhook delivered to this process wakes the poller at once.
// Abort → the prediction is cancelled; a prediction past its deadline is cancelled and fails.
// From creation until `finish` (download, conform) is done, the job owns the prediction in
// this process: its "completed" webhook is handed to the job instead of being applied a
// second time beside it (which doubled the downloads and ffmpeg runs under load).
import { env } from "../../env";
import { logger } from "../../logger";
import { type CallContext, ProviderError } from "../types";
import { findUnrecorded, intentFor } from "./adopt-prediction";
import { callApi } from "./api-call";
import { replicateClient } from "./client";
import { predictionFailure } from "./errors";
import { isTerminal, type Prediction, predictionSchema } from "./prediction-shape";
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

/** A job in this process working on a prediction; `woken` makes its next sleep end at once. */
type Owner = { woken: boolean; wake?: () => void };
const owners = new Map<string, Set<Owner>>();
/**
 * A job keeps owning its prediction this long after `finish`, while it saves the result: a
 * webhook delayed past the job's own poll (a busy process) must not redo the download and
 * conform beside it. Should the save fail, the job's retry re-attaches to the prediction.
 */
const RELEASE_AFTER_MS = 60_000;

function own(id: string): { owner: Owner; release: () => void } {
  const owner: Owner = { woken: false };
  const set = owners.get(id) ?? new Set();
  set.add(owner);
  owners.set(id, set);
  const drop = () => {
    set.delete(owner);
    if (set.size === 0 && owners.get(id) === set) owners.delete(id);
  };
  return { owner, release: () => setTimeout(drop, RELEASE_AFTER_MS).unref() };
}

/**
 * A webhook for this prediction arrived in this process. True if a job here owns it (it polls
 * now if it was waiting; it is already finishing it otherwise): the webhook leaves it alone.
 */
export function wakePoller(predictionId: string): boolean {
  const set = owners.get(predictionId);
  set?.forEach((o) => {
    o.woken = true;
    o.wake?.();
  });
  return Boolean(set?.size);
}

function parse(raw: unknown, what: string): Prediction {
  const p = predictionSchema.safeParse(raw);
  if (!p.success)
    throw new ProviderError(
      `The ${what} service sent an answer we could not read. We'll try again.`,
      "transient",
    );
  return p.data;
}

export async function runPrediction(spec: PredictionSpec, ctx: CallContext): Promise<Prediction>;
/** Runs the prediction, then `finish` (download, conform) while still owning it in this process. */
export async function runPrediction<T>(
  spec: PredictionSpec,
  ctx: CallContext,
  finish: (p: Prediction) => Promise<T>,
): Promise<T>;
export async function runPrediction<T>(
  spec: PredictionSpec,
  ctx: CallContext,
  finish?: (p: Prediction) => Promise<T>,
): Promise<T | Prediction> {
  const client = replicateClient();
  const { signal } = ctx;
  let p: Prediction | undefined;
  if (ctx.existingPredictionId) {
    const id = ctx.existingPredictionId;
    p = parse(
      await callApi("read", spec.what, () => client.predictions.get(id, { signal }), signal),
      spec.what,
    );
    // One that failed or was cancelled: run it again (its failure row is written if the
    // attempt that saw it died before writing it).
    if (p.status !== "succeeded" && isTerminal(p.status)) {
      await ctx.onAbandonedPrediction?.({
        id: p.id,
        status: p.status,
        error: p.error ? String(p.error).slice(0, 300) : undefined,
      });
      p = undefined;
    }
  }
  if (!p && ctx.pendingIntent) {
    // An earlier attempt may have been killed between create and recording the id.
    p = await findUnrecorded(ctx.pendingIntent, spec.what, ctx);
    if (p) {
      logger.info("adopted a prediction an interrupted attempt created", { predictionId: p.id });
      await ctx.onPredictionCreated?.(p.id);
    }
  }
  if (!p) {
    await ctx.onPredictionIntent?.(intentFor(spec.model, spec.input));
    const target = spec.webhook ? webhookTarget() : undefined;
    const body = { input: spec.input, ...(target ?? {}), signal };
    const created = await callApi(
      "create",
      spec.what,
      () =>
        client.predictions.create(
          spec.version ? { ...body, version: spec.version } : { ...body, model: spec.model },
        ),
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
  const { owner, release } = own(p.id);
  try {
    const done = await waitForResult(p, spec, owner, signal);
    return finish ? await finish(done) : done;
  } finally {
    release();
  }
}

async function waitForResult(
  p: Prediction,
  spec: PredictionSpec,
  owner: Owner,
  signal?: AbortSignal,
): Promise<Prediction> {
  const client = replicateClient();
  const deadlineMs = (env.REPLICATE_DEADLINE_SECONDS ?? spec.deadlineSeconds) * 1000;
  const startedAt = Date.parse(p.created_at ?? "") || Date.now();
  let wait = 250;
  while (!isTerminal(p.status)) {
    if (signal?.aborted) {
      await cancelQuietly(p.id, spec.what);
      throw signal.reason ?? new ProviderError("Cancelled.", "permanent");
    }
    if (Date.now() - startedAt > deadlineMs) {
      // It may have finished since the last poll: a result we pay for is never thrown away.
      const last = await cancelQuietly(p.id, spec.what);
      if (last?.status === "succeeded") {
        p = last;
        break;
      }
      const minutes = Math.max(1, Math.round(deadlineMs / 60_000));
      throw new ProviderError(
        `The ${spec.what} model did not finish within ${deadlineMs < 60_000 ? `${Math.round(deadlineMs / 1000)} seconds` : `${minutes} minute${minutes === 1 ? "" : "s"}`}, so we cancelled it. Retry to try again.`,
        "permanent",
        undefined,
        "timeout",
      );
    }
    await wakeableSleep(
      owner,
      Math.min(wait, deadlineMs - (Date.now() - startedAt) + 10),
      signal,
    ).catch(() => {});
    wait = Math.min(wait * 2, env.REPLICATE_POLL_MAX_SECONDS * 1000);
    if (signal?.aborted) continue;
    const id = p.id;
    p = parse(
      await callApi("read", spec.what, () => client.predictions.get(id, { signal }), signal),
      spec.what,
    );
  }
  if (p.status === "succeeded") return p;
  if (p.status === "failed") throw predictionFailure(p.error, spec.what);
  throw new ProviderError(
    `The ${spec.what} request was cancelled at Replicate. Retry to start it again.`,
    "permanent",
  );
}

function wakeableSleep(owner: Owner, ms: number, signal?: AbortSignal): Promise<void> {
  if (owner.woken) {
    owner.woken = false; // the webhook came while we were polling: poll again now
    return Promise.resolve();
  }
  const local = new AbortController();
  owner.wake = () => local.abort();
  const onAbort = () => local.abort();
  signal?.addEventListener("abort", onAbort, { once: true });
  return sleep(Math.max(0, ms), local.signal).finally(() => {
    owner.wake = undefined;
    owner.woken = false;
    signal?.removeEventListener("abort", onAbort);
  });
}

/**
 * Cancels unless it already finished (a webhook may have completed it in another process);
 * returns the prediction when it had.
 */
async function cancelQuietly(id: string, what: string): Promise<Prediction | undefined> {
  try {
    const client = replicateClient();
    const now = parse(await callApi("read", what, () => client.predictions.get(id)), what);
    if (isTerminal(now.status)) return now;
    await callApi("cancel", what, () => client.predictions.cancel(id));
    logger.info("replicate prediction cancelled", { predictionId: id });
  } catch (err) {
    logger.warn("replicate prediction could not be cancelled", {
      predictionId: id,
      error: err instanceof Error ? err.message : String(err),
    });
  }
}
