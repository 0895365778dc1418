import { getAsset } from "../../db/queries/assets";
import { getLiveSession } from "../../db/queries/sessions";
import type { Asset, Session } from "../../db/schema";

/**
 * What an image or clip job works on: its asset, still generating, and the live session.
 * Undefined when there is nothing to do. An asset finished elsewhere (a run that expired but
 * lived on, a webhook, a crash after saving) may be news the stage still waits for, so the
 * stage is settled then.
 */
export async function assetToWorkOn(
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
