// The voice-over of a composition: one `audio` asset (metadata kind "voice") made by the
// speech provider through the asset-job runner, so a Replicate prediction's id is stored the
// moment it exists and a restarted job re-attaches to it instead of paying again. The compose
// job asked for it and waits (../voice-over.ts); the webhook of its prediction finishes it
// through `saveVoiceResult` as well.
import { completeAsset, updateAsset } from "../../db/queries/assets";
import { transaction } from "../../db/queries/tx";
import type { Asset } from "../../db/schema";
import { env } from "../../env";
import type { CallRecord, SpeechOutput } from "../../providers/types";
import { contentTypeFor, mediaKey, mediaUrl, storage } from "../../storage";
import { generateVoiceJob } from "../job-defs";
import { recordCall } from "../ledger";
import { publishProgress } from "../progress";
import { voiceMetaOf } from "../voice-over";
import { assetJobWorker } from "./asset-job";

export const generateVoiceWorker = assetJobWorker({
  job: generateVoiceJob,
  concurrency: () => env.SPEECH_CONCURRENCY,
  category: "audio_generation",
  model: (p) => p.models.speech,
  what: "The voice-over could not be made",
  // The compose job waits on the asset itself: no stage to settle.
  settle: async () => {},
  async make({ asset, s, p, ctx }) {
    const meta = voiceMetaOf(asset);
    if (!meta) throw new Error("this audio asset is not a voice-over");
    const { output, call } = await p.speech.synthesize(
      { text: meta.text, voice: meta.voice, language: meta.language, speed: meta.speed },
      ctx,
    );
    await saveVoiceResult(s.id, asset, output, call);
  },
});

/**
 * Stores the voice-over WAV and completes its asset with its words and cost row, in one
 * transaction conditional on the asset still generating (a late webhook changes nothing).
 */
export async function saveVoiceResult(
  sessionId: string,
  asset: Pick<Asset, "id" | "metadata">,
  output: SpeechOutput,
  call: CallRecord,
): Promise<Asset | undefined> {
  const key = mediaKey(sessionId, asset.id, "wav");
  const { size } = await storage().putFile(key, output.filePath, contentTypeFor("wav"));
  const done = await transaction(async (tx) => {
    const row = await completeAsset({
      tx,
      id: asset.id,
      facts: {
        url: mediaUrl(key),
        storagePath: key,
        fileSizeBytes: size,
        mimeType: "audio/wav",
        durationSeconds: output.durationSeconds,
        generationCost: call.amountUsd,
        generationTimeSeconds: call.latencyMs / 1000,
        modelVersion: call.modelVersion ?? call.model,
        predictionId: call.predictionId,
      },
    });
    if (!row) return undefined;
    const meta = {
      ...(row.metadata as object),
      words: output.words,
      wordTimingSource: output.wordTimingSource,
    };
    await recordCall({
      tx,
      sessionId,
      assetId: asset.id,
      category: "audio_generation",
      call,
      success: true,
    });
    return updateAsset({ tx, id: asset.id, set: { metadata: meta } });
  });
  if (done) await publishProgress(sessionId, "Voice-over ready.", done);
  return done;
}
