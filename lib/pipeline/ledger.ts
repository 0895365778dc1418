// The cost ledger: one generation_costs row per provider call, success or failure. The
// schema's trigger keeps sessions.total_cost equal to the sum of the rows — provided no two
// inserts for one session overlap: its UPDATE sums the rows it can see when it starts, so one
// that had to wait for another transaction's lock on the session wrote a total without that
// transaction's row (seen: two clips finishing together, total short by one clip). So the
// session row is locked before the insert; the trigger then starts after the other commits.
import { insertCostRow, lockPredictionCost, type NewCostRow } from "../db/queries/costs";
import { lockSessionRow } from "../db/queries/sessions";
import { type Tx, transaction } from "../db/queries/tx";
import type { CallRecord } from "../providers/types";

export type CostCategory = NewCostRow["category"];

export type CallEntry = {
  sessionId: string;
  assetId?: string;
  category: CostCategory;
  call: CallRecord;
  success: boolean;
  errorMessage?: string;
  /** The caller's transaction, when the row belongs with its other writes. */
  tx?: Tx;
};

export async function recordCall({ tx, ...entry }: CallEntry): Promise<void> {
  if (!tx) return transaction((t) => recordCall({ ...entry, tx: t }));
  await lockSessionRow({ tx, id: entry.sessionId });
  const { call } = entry;
  await insertCostRow({
    tx,
    values: {
      sessionId: entry.sessionId,
      assetId: entry.assetId,
      category: entry.category,
      amount: call.amountUsd.toFixed(4),
      provider: call.provider,
      modelName: call.model,
      apiCallId: call.predictionId,
      tokensUsed: call.tokensUsed,
      secondsProcessed: call.secondsProcessed?.toFixed(2),
      apiLatencyMs: Math.round(call.latencyMs),
      success: entry.success,
      errorMessage: entry.errorMessage,
      metadata: {
        ...call.metadata,
        ...(call.modelVersion ? { modelVersion: call.modelVersion } : {}),
      },
    },
  });
}

/**
 * The failure row of a prediction whose attempt died before writing it (found when a later
 * attempt re-attaches to it or finds it by its intent). Written once per prediction id.
 */
export async function recordAbandonedCall(entry: {
  sessionId: string;
  assetId?: string;
  category: CostCategory;
  model: string;
  prediction: { id: string; status: string; error?: string };
}): Promise<void> {
  await transaction(async (tx) => {
    const { recorded } = await lockPredictionCost({ tx, predictionId: entry.prediction.id });
    if (recorded) return;
    const what =
      entry.prediction.status === "failed"
        ? `failed: ${entry.prediction.error ?? "no reason given"}`
        : entry.prediction.status;
    await recordCall({
      tx,
      sessionId: entry.sessionId,
      assetId: entry.assetId,
      category: entry.category,
      call: {
        amountUsd: 0,
        provider: "replicate",
        model: entry.model,
        latencyMs: 0,
        predictionId: entry.prediction.id,
        metadata: { recordedLate: true },
      },
      success: false,
      errorMessage: `The prediction ${what} (recorded after a restart).`,
    });
  });
}
