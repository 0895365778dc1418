// The provider call's hooks for the quality tier and its fallback (lib/providers/replicate/
// fallback.ts): which tier the session uses, which model is being tried (so a final failure's
// cost row names it), and a cost row for every failed attempt a later one replaces — the
// ledger shows both the failed primary and the alternative that made the asset.
import type { Session } from "../db/schema";
import { qualityOf } from "../providers/prices";
import type { CallContext, CallRecord } from "../providers/types";
import { type CostCategory, recordCall } from "./ledger";

export function attemptHooks(o: {
  s: Pick<Session, "id" | "quality">;
  assetId?: string;
  category: CostCategory;
  provider: CallRecord["provider"];
  model: string;
}): {
  hooks: Pick<CallContext, "quality" | "onModelChosen" | "onAttemptFailed">;
  /** The model tried last (for the final failure's cost row). */
  model: () => string;
} {
  let model = o.model;
  return {
    model: () => model,
    hooks: {
      quality: qualityOf(o.s.quality),
      onModelChosen: (m) => {
        model = m;
      },
      onAttemptFailed: (f) =>
        recordCall({
          sessionId: o.s.id,
          assetId: o.assetId,
          category: o.category,
          call: {
            amountUsd: 0,
            provider: o.provider,
            model: f.model,
            latencyMs: f.latencyMs,
            predictionId: f.predictionId,
            metadata: { fallback: true },
          },
          success: false,
          errorMessage: f.error.message,
        }),
    },
  };
}
