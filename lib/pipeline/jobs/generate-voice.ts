// The voice-over of a composition: one `audio` asset (metadata kind "voice") made by the
// speech provider through the asset-job runner, so a Replicate prediction's id is stored the
// moment it exists and a restarted job re-attaches to it instead of paying again. The compose
// job asked for it and waits (../voice-over.ts); the webhook of its prediction finishes it
// through `saveVoiceResult` as well.
import type { Asset } from "../../db/schema";
import { env } from "../../env";
import type { CallRecord, SpeechOutput } from "../../providers/types";
import { generateVoiceJob } from "../job-defs";
import { voiceMetaOf } from "../voice-over";
import { assetJobWorker } from "./asset-job";
import { saveAssetOutput } from "./save-output";

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
export function saveVoiceResult(
  sessionId: string,
  asset: Pick<Asset, "id" | "metadata">,
  output: SpeechOutput,
  call: CallRecord,
): Promise<Asset | undefined> {
  return saveAssetOutput({
    sessionId,
    assetId: asset.id,
    category: "audio_generation",
    call,
    filePath: output.filePath,
    ext: "wav",
    facts: { durationSeconds: output.durationSeconds },
    metadata: { words: output.words, wordTimingSource: output.wordTimingSource },
    message: () => "Voice-over ready.",
  });
}
