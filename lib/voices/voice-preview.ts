// A voice's few seconds of preview (GET /api/voices/:id/preview), synthesised once per voice
// and model and kept in storage, so every later play is a file read. Offline it costs nothing.
// On Replicate it is one priced call per voice for the whole deployment (MiniMax: the ~70
// characters of the preview sentence, about $0.004; all 17 voices about $0.07): it belongs to
// no ad, so it has no ledger row (generation_costs rows belong to an ad) but a log line with
// its prediction id and amount. Only voices in the provider's list are synthesised, so a
// caller cannot make the server pay for arbitrary text.
import { readFile } from "node:fs/promises";
import { notFound } from "../errors";
import { logger } from "../logger";
import { withWorkDir } from "../pipeline/run-call";
import { providers } from "../providers/registry";
import { assertKey, storage } from "../storage";

const inFlight = new Map<string, Promise<void>>();

/** The storage key of a voice's preview: per model, so switching models makes new previews. */
export const previewKey = (model: string, voiceId: string) =>
  assertKey(
    `voices/previews/${model.toLowerCase().replace(/[^a-z0-9.-]/g, "-")}/${voiceId.toLowerCase().replace(/[^a-z0-9-]/g, "-")}.wav`,
  );

/** The preview's HTTP answer (Range-capable, or a presigned redirect on S3); 404 for an unknown voice. */
export async function voicePreview({ id, req }: { id: string; req: Request }): Promise<Response> {
  const p = providers();
  const voice = p.speech.voices().find((v) => v.id === id);
  if (!voice) throw notFound("That voice");
  const key = previewKey(p.models.speech, voice.id);
  if (!(await storage().head(key))) {
    let making = inFlight.get(key);
    if (!making) {
      making = makePreview(key, voice.id, voice.previewText).finally(() => inFlight.delete(key));
      inFlight.set(key, making);
    }
    await making;
  }
  return storage().respond(key, req);
}

async function makePreview(key: string, voice: string, text: string): Promise<void> {
  const p = providers();
  await withWorkDir(async (workDir) => {
    const { output, call } = await p.speech.synthesize(
      { text, voice, language: "en", speed: 1 },
      { workDir, sessionId: "voice-preview" },
    );
    await storage().putBuffer(key, await readFile(output.filePath), "audio/wav");
    logger.info("voice preview made", {
      voice,
      model: call.model,
      amountUsd: call.amountUsd,
      predictionId: call.predictionId,
      latencyMs: call.latencyMs,
    });
  });
}
