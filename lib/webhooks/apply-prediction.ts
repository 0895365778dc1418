// A finished prediction reported by webhook (an image, a clip, a voice-over) is applied through
// the same code the job's poller uses: download → storage → completeAsset + cost row in one
// conditional transaction, then the stage is settled. Whichever of poller and webhook comes
// second changes nothing. Failures are left to the poller, which owns retries and the
// failure's cost row.
import { getAssetByPrediction } from "../db/queries/assets";
import { getLiveSession } from "../db/queries/sessions";
import type { Asset } from "../db/schema";
import { logger } from "../logger";
import { saveClipResult } from "../pipeline/jobs/generate-clip";
import { saveImageResult } from "../pipeline/jobs/generate-image";
import { saveVoiceResult } from "../pipeline/jobs/generate-voice";
import { withWorkDir } from "../pipeline/run-call";
import { settleClipStage, settleImageStage } from "../pipeline/settle";
import { voiceMetaOf } from "../pipeline/voice-over";
import {
  clipFromPrediction,
  imageFromPrediction,
  speechFromPrediction,
} from "../providers/replicate";
import type { Prediction } from "../providers/replicate/prediction-shape";
import { speechModelIdOf } from "../providers/replicate/speech";

export type Applied =
  | "completed"
  | "already-done"
  | "unknown-prediction"
  | "not-final"
  | "left-to-poller"
  | "session-gone";

function latencyOf(p: Prediction): number {
  const from = Date.parse(p.created_at ?? "");
  const to = Date.parse(p.completed_at ?? "") || Date.now();
  return Number.isNaN(from) ? 0 : Math.max(0, to - from);
}

export async function applyPrediction(p: Prediction): Promise<Applied> {
  const asset = await getAssetByPrediction({ predictionId: p.id });
  if (!asset) return "unknown-prediction";
  if (asset.status !== "generating") return "already-done";
  if (p.status === "starting" || p.status === "processing") return "not-final";
  if (p.status !== "succeeded") return "left-to-poller";
  const s = await getLiveSession({ id: asset.sessionId });
  if (!s || s.status === "cancelled") return "session-gone";
  let done: Asset | undefined;
  const voice = asset.type === "audio" ? voiceMetaOf(asset) : undefined;
  const speechModel = speechModelIdOf(p.model);
  await withWorkDir(async (workDir) => {
    if (asset.type === "image") {
      const { output, call } = await imageFromPrediction(p, workDir, latencyOf(p));
      done = await saveImageResult(s.id, asset.id, output, call);
      await settleImageStage(s.id);
    } else if (asset.type === "video_clip") {
      const { output, call } = await clipFromPrediction(p, {
        aspectRatio: s.aspectRatio,
        durationSeconds: Number(s.clipDurationSeconds ?? 3),
        workDir,
        latencyMs: latencyOf(p),
      });
      done = await saveClipResult(s.id, asset.id, output, call);
      await settleClipStage(s.id);
    } else if (voice && speechModel) {
      const { output, call } = await speechFromPrediction(
        p,
        speechModel,
        voice.text,
        workDir,
        latencyOf(p),
      );
      done = await saveVoiceResult(s.id, asset, output, call);
    } else {
      logger.info("webhook for an asset kind the poller finishes", {
        predictionId: p.id,
        type: asset.type,
      });
    }
  });
  return done ? "completed" : "already-done";
}
