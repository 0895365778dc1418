import { getLiveSession } from "../db/queries/sessions";
import type { Asset } from "../db/schema";
import { emitProgress } from "../realtime/events";

/** Tells every open tab of the session what changed; they refetch from the API. */
export async function publishProgress(
  sessionId: string,
  message: string,
  asset?: Asset,
): Promise<void> {
  const s = await getLiveSession({ id: sessionId });
  if (!s) return;
  emitProgress({
    sessionId,
    status: s.status,
    stage: s.currentStage,
    progress: s.progressPercentage ?? 0,
    message,
    totalCost: Number(s.totalCost ?? 0),
    asset: asset
      ? { id: asset.id, type: asset.type, status: asset.status, url: asset.url }
      : undefined,
  });
}
