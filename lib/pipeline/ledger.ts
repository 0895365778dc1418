// The cost ledger: one generation_costs row per provider call, success or failure. The
// schema's trigger keeps sessions.total_cost equal to the sum of the rows — provided no two
// inserts for one session overlap: its UPDATE sums the rows it can see when it starts, so one
// that had to wait for another transaction's lock on the session wrote a total without that
// transaction's row (seen: two clips finishing together, total short by one clip). So the
// session row is locked before the insert; the trigger then starts after the other commits.
import { eq, sql } from "drizzle-orm";
import { type Db, db } from "../db/client";
import { generationCosts, sessions } from "../db/schema";
import type { CallRecord } from "../providers/types";

export type CostCategory = (typeof generationCosts.$inferInsert)["category"];

type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];

export async function recordCall(
  entry: {
    sessionId: string;
    assetId?: string;
    category: CostCategory;
    call: CallRecord;
    success: boolean;
    errorMessage?: string;
  },
  tx: Tx | Db = db(),
): Promise<void> {
  if (tx === db()) return db().transaction((t) => recordCall(entry, t));
  await tx
    .select({ id: sessions.id })
    .from(sessions)
    .where(eq(sessions.id, entry.sessionId))
    .for("update");
  const { call } = entry;
  await tx.insert(generationCosts).values({
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
  await db().transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext(${`cost:${entry.prediction.id}`}))`);
    const [seen] = await tx
      .select({ id: generationCosts.id })
      .from(generationCosts)
      .where(eq(generationCosts.apiCallId, entry.prediction.id))
      .limit(1);
    if (seen) return;
    const what =
      entry.prediction.status === "failed"
        ? `failed: ${entry.prediction.error ?? "no reason given"}`
        : entry.prediction.status;
    await recordCall(
      {
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
      },
      tx,
    );
  });
}
