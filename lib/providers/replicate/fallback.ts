// One asset, tried on the tier's models in turn: the primary model, the primary once more if
// it failed (a model that fails once often passes the second time), then the tier's
// alternative once. A timeout skips the second try (waiting again costs minutes). Failures no
// other model would change — a safety block, a refused account, a cancel, or a transient API
// error the job queue retries — stop here. Every failed attempt but the last is reported to
// `ctx.onAttemptFailed` (the job writes its ledger row); the last is thrown, as before.
import { type CallContext, ProviderError } from "../types";

type Plan = { primary: string; alternative: string };

function stopsHere(err: unknown, ctx: CallContext): boolean {
  if (ctx.signal?.aborted) return true;
  if (!(err instanceof ProviderError)) return true;
  if (err.kind === "transient") return true;
  return err.reason === "safety" || err.reason === "account";
}

export async function withFallback<T>(
  models: Plan,
  ctx: CallContext,
  attempt: (modelId: string, ctx: CallContext) => Promise<T>,
): Promise<T> {
  let model = models.primary;
  let triesOfPrimary = 0;
  for (let i = 0; ; i++) {
    // Only the first attempt re-attaches to a prediction an interrupted run left behind.
    const attemptCtx =
      i === 0 ? ctx : { ...ctx, existingPredictionId: undefined, pendingIntent: undefined };
    let predictionId: string | undefined;
    const started = Date.now();
    ctx.onModelChosen?.(model);
    try {
      return await attempt(model, {
        ...attemptCtx,
        onPredictionCreated: async (id) => {
          predictionId = id;
          await ctx.onPredictionCreated?.(id);
        },
      });
    } catch (err) {
      if (stopsHere(err, ctx)) throw err;
      const e = err as ProviderError;
      if (model === models.primary) triesOfPrimary++;
      const next =
        i >= 2 || model !== models.primary
          ? undefined
          : triesOfPrimary < 2 && e.reason !== "timeout" && e.reason !== "rejected_input"
            ? models.primary
            : models.alternative;
      if (!next) throw err;
      await ctx.onAttemptFailed?.({
        model,
        predictionId,
        error: e,
        latencyMs: Date.now() - started,
      });
      model = next;
    }
  }
}
