// What the API shows of a batch and of its ads (api.md "Additions: automation").
import {
  countBatchStatuses,
  getOwnBatch,
  listBatchSessions,
  listOwnBatches,
} from "../db/queries/batches";
import type { Batch, Session } from "../db/schema";
import { notFound } from "../errors";

export function batchView(b: Batch, counts?: Partial<Record<Session["status"], number>>) {
  return {
    id: b.id,
    status: b.status,
    stopAt: b.stopAt,
    rows: b.rowCount,
    estimate: Number(b.estimateUsd),
    /** Provider calls the estimate plans (each is one row of the cost ledger). */
    estimateCalls: b.estimateCalls,
    budgetUsd: Number(b.budgetUsd),
    settings: b.settings,
    createdAt: b.createdAt.toISOString(),
    finishedAt: b.finishedAt?.toISOString() ?? null,
    ...(counts ? { counts } : {}),
  };
}
export type BatchView = ReturnType<typeof batchView>;

export function batchRowView(s: Session) {
  return {
    id: s.id,
    row: s.batchRow ?? 0,
    status: s.status,
    progress: s.progressPercentage ?? 0,
    productName: s.productName,
    errorMessage: s.errorMessage,
    totalCost: Number(s.totalCost ?? 0),
    finalVideoId: s.finalVideoId,
  };
}

export async function requireOwnBatch(ref: { userId: number; id: string }): Promise<Batch> {
  const b = await getOwnBatch(ref);
  if (!b) throw notFound("That batch");
  return b;
}

export async function getBatchDetail(ref: { userId: number; id: string }) {
  const batch = await requireOwnBatch(ref);
  const sessions = await listBatchSessions({ batchId: batch.id });
  const spent = sessions.reduce((sum, s) => sum + Number(s.totalCost ?? 0), 0);
  return {
    batch: { ...batchView(batch), spent: Math.round(spent * 10_000) / 10_000 },
    sessions: sessions.map(batchRowView),
  };
}

export async function listBatches({ userId }: { userId: number }) {
  const list = await listOwnBatches({ userId });
  const counts = await countBatchStatuses({ batchIds: list.map((b) => b.id) });
  return {
    batches: list.map((b) =>
      batchView(
        b,
        Object.fromEntries(counts.filter((c) => c.batchId === b.id).map((c) => [c.status, c.n])),
      ),
    ),
  };
}
