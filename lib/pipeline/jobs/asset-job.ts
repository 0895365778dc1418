// The one runner of jobs that make a single asset with a provider (images, clips; voice and
// variants plug in the same way): it finds the asset still wanted, watches for cancellation,
// gives the call its private folder and its prediction bookkeeping, records a failure (retried
// while it may, then the asset fails with a message) and settles the stage afterwards. A job
// only says how its asset is made and saved (`make`).
import type { z } from "zod";
import { getAsset } from "../../db/queries/assets";
import { getLiveSession } from "../../db/queries/sessions";
import type { Asset, Session } from "../../db/schema";
import { type Providers, providers } from "../../providers/registry";
import type { CallContext } from "../../providers/types";
import { readAssetMeta } from "../asset-meta";
import { attemptHooks } from "../attempt-hooks";
import { type JobDef, type JobWorker, jobWorker } from "../define-job";
import type { CostCategory } from "../ledger";
import { assetPredictionHooks, predictionToResume } from "../prediction-ids";
import { watchCancellation, withWorkDir } from "../run-call";
import { handleAssetCallFailure } from "./call-failure";

type AssetPayload = z.ZodType<{ assetId: string }>;

/** What `make` gets: the asset, its live session, the providers and the call's context. */
export type AssetWork = {
  asset: Asset;
  s: Session;
  p: Providers;
  /** Pass to the provider call: folder, cancellation signal, prediction hooks. */
  ctx: CallContext & { workDir: string };
};

export function assetJobWorker<S extends AssetPayload>(def: {
  job: JobDef<S>;
  concurrency: () => number;
  category: CostCategory;
  model: (p: Providers) => string;
  /** The failure message's start, e.g. "An image could not be made". */
  what: string;
  /** Decides whether the asset's stage is over (./settle.ts); run after every attempt. */
  settle: (sessionId: string) => Promise<void>;
  /** Run after every attempt, before `settle` (the image hero starts the other views). */
  after?: (s: Session, assetId: string) => Promise<void>;
  /** Calls the provider with `ctx` and saves the result (completing the asset). */
  make: (work: AssetWork) => Promise<void>;
}): JobWorker<S> {
  return jobWorker({
    job: def.job,
    concurrency: def.concurrency,
    async handle({ assetId }, job) {
      const work = await assetToWorkOn(assetId, def.settle);
      if (!work) return;
      const { asset, s } = work;
      const p = providers();
      const model = def.model(p);
      // The session's quality tier, the model being tried, a cost row per failed attempt a
      // fallback replaces (../attempt-hooks.ts).
      const attempts = attemptHooks({
        s,
        assetId,
        category: def.category,
        provider: p.kind,
        model,
      });
      const watch = watchCancellation(s.id, asset.id);
      const started = Date.now();
      let predictionId = predictionToResume(asset);
      try {
        await withWorkDir((workDir) =>
          def.make({
            asset,
            s,
            p,
            ctx: {
              workDir,
              sessionId: s.id,
              assetId,
              signal: watch.signal,
              attempt: asset.retryCount,
              index: readAssetMeta(asset).index ?? 0,
              ...attempts.hooks,
              ...assetPredictionHooks(asset, {
                sessionId: s.id,
                category: def.category,
                model,
                onCreated: (id) => {
                  predictionId = id;
                },
              }),
            },
          }),
        );
      } catch (err) {
        await handleAssetCallFailure(err, {
          job,
          signal: watch.signal,
          sessionId: s.id,
          assetId,
          category: def.category,
          provider: p.kind,
          model: attempts.model(),
          started,
          predictionId,
          what: def.what,
        });
      } finally {
        watch.stop();
        await def.after?.(s, assetId);
        await def.settle(s.id);
      }
    },
  });
}

/**
 * What a job works on: its asset, still generating, and the live session. Undefined when
 * there is nothing to do. An asset finished elsewhere (a run that expired but lived on, a
 * webhook, a crash after saving) may be news the stage still waits for, so the stage is
 * settled then.
 */
async function assetToWorkOn(
  assetId: string,
  settleStage: (sessionId: string) => Promise<unknown>,
): Promise<{ asset: Asset; s: Session } | undefined> {
  const asset = await getAsset({ id: assetId });
  if (!asset) return undefined;
  if (asset.status !== "generating") {
    await settleStage(asset.sessionId);
    return undefined;
  }
  const s = await getLiveSession({ id: asset.sessionId });
  if (!s || s.status === "cancelled") return undefined;
  return { asset, s };
}
