// The ad's voice-over, as the compose job needs it: the session's script spoken by the chosen
// voice, as a local WAV and its words' times. It is an `audio` asset (metadata kind "voice")
// made by the voice job (./jobs/generate-voice.ts, the asset-job runner: prediction ids,
// re-attach, retries, cost rows), and reused by every later compose whose text, voice, speed
// and model are unchanged. The compose job waits for it: the captions need its word times
// before anything is drawn.
import { createHash } from "node:crypto";
import path from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { z } from "zod";
import { scriptSentences } from "../creative/script";
import { getAsset, insertAssets, listSessionAudio } from "../db/queries/assets";
import type { Asset, Session } from "../db/schema";
import { SPEECH_MODELS, speechCost } from "../providers/prices";
import { providers } from "../providers/registry";
import { ProviderError, type WordTiming } from "../providers/types";
import { storage } from "../storage";
import { generateVoiceJob } from "./job-defs";
import { enqueue } from "./queue";
import { readMeta, type SessionMeta } from "./session-meta";

/** What a voice asset's metadata holds: the request, and once made, its words. */
export const voiceMetaSchema = z.looseObject({
  kind: z.literal("voice"),
  text: z.string(),
  voice: z.string(),
  language: z.string(),
  speed: z.number(),
  model: z.string(),
  /** Hash of text, voice, language, speed and model: equal means reusable. */
  fingerprint: z.string(),
  words: z.array(z.object({ word: z.string(), start: z.number(), end: z.number() })).optional(),
  wordTimingSource: z.enum(["synthesizer", "aligned"]).optional(),
});
export type VoiceMeta = z.infer<typeof voiceMetaSchema>;

/** The voice metadata of an asset; undefined for any other audio (music). */
export function voiceMetaOf(a: Pick<Asset, "metadata">): VoiceMeta | undefined {
  const parsed = voiceMetaSchema.safeParse(a.metadata);
  return parsed.success ? parsed.data : undefined;
}

export type VoiceRequest = {
  text: string;
  voice: string;
  language: string;
  speed: number;
  /** The speech model's price-table id. */
  model: string;
};

/**
 * What the session's voice-over would say and with which voice; undefined without a voice
 * or a script. The text is the script's sentences, one per line (the line break is a pause
 * to the voice and white space to the captions, so the words are the script's own).
 */
export function voiceRequestOf(
  s: Pick<Session, "metadata">,
  settings = readMeta(s).voiceOver,
): VoiceRequest | undefined {
  const meta = readMeta(s);
  if (!settings?.enabled || !settings.voice || !meta.script) return undefined;
  return {
    text: scriptSentences(meta.script).join("\n"),
    voice: settings.voice,
    language: meta.script.language,
    speed: settings.speed,
    model: providers().models.speech,
  };
}

export const fingerprintOf = (r: VoiceRequest) =>
  createHash("sha256")
    .update(JSON.stringify([r.text, r.voice, r.language, r.speed, r.model]))
    .digest("hex")
    .slice(0, 32);

/** A voice asset of the session with this fingerprint in `status` (newest first). */
async function voiceAsset(
  sessionId: string,
  fingerprint: string,
  status: "completed" | "generating",
): Promise<Asset | undefined> {
  const rows = await listSessionAudio({ sessionId, status });
  return rows.find(
    (a) =>
      voiceMetaOf(a)?.fingerprint === fingerprint && (a.storagePath || status === "generating"),
  );
}

/** True when the session already has this voice-over (the estimate then leaves it out). */
export async function hasVoiceOver(sessionId: string, r: VoiceRequest): Promise<boolean> {
  return !!(await voiceAsset(sessionId, fingerprintOf(r), "completed"));
}

/** The words of the session's finished voice-over for this request, if it has been made. */
export async function voiceOverWords(
  sessionId: string,
  r: VoiceRequest,
): Promise<WordTiming[] | undefined> {
  const asset = await voiceAsset(sessionId, fingerprintOf(r), "completed");
  return asset ? voiceMetaOf(asset)?.words : undefined;
}

/** How long the compose job waits for the voice job (the provider's own deadline is 180 s). */
const WAIT_SECONDS = 600;

/** True when making this voice-over costs nothing (the offline voice). */
export function freeVoiceOver(r: VoiceRequest): boolean {
  const price = SPEECH_MODELS[r.model];
  return !!price && speechCost(price, r.text.length) === 0;
}

/**
 * The session's voice-over as a local file in `workDir` and its word times, made when it does
 * not exist yet; undefined when the ad has no voice. Throws a ProviderError a marketer can read.
 * `settings`: a voice choice other than the last compose's (the Finish step's, for the
 * edit's preparation). `ahead`: for work ahead of a compose, which spends no money: a voice
 * that is not made yet is made only when it is free, else undefined.
 */
export async function voiceOverFor(
  s: Session,
  opts: {
    workDir: string;
    signal?: AbortSignal;
    settings?: SessionMeta["voiceOver"];
    ahead?: boolean;
  },
): Promise<{ path: string; words: WordTiming[] } | undefined> {
  const request = voiceRequestOf(s, opts.settings ?? readMeta(s).voiceOver);
  if (!request) return undefined;
  const fingerprint = fingerprintOf(request);
  const made =
    (await voiceAsset(s.id, fingerprint, "completed")) ??
    (await voiceAsset(s.id, fingerprint, "generating"));
  if (!made && opts.ahead && !freeVoiceOver(request)) return undefined;
  let asset = made ?? (await startVoiceAsset(s, { ...request, kind: "voice", fingerprint }));
  if (asset.status === "generating") {
    await enqueue(generateVoiceJob, { assetId: asset.id, sessionId: s.id }, asset.retryCount);
    asset = await finished(asset.id, opts.signal);
  }
  const meta = voiceMetaOf(asset);
  if (!asset.storagePath || !meta?.words?.length)
    throw new ProviderError(
      "The voice-over was saved without its words. Retry to make it again.",
      "permanent",
    );
  const file = path.join(opts.workDir, `voice-${asset.id}.wav`);
  await storage().download(asset.storagePath, file);
  return { path: file, words: meta.words };
}

async function startVoiceAsset(
  s: Session,
  meta: VoiceRequest & { kind: "voice"; fingerprint: string },
): Promise<Asset> {
  const [row] = await insertAssets({
    values: [
      {
        sessionId: s.id,
        type: "audio",
        source: providers().sources.speech,
        status: "generating",
        url: "",
        metadata: meta,
      },
    ],
  });
  return row;
}

/** Polls the asset until the voice job has finished it; a failure says why. */
async function finished(assetId: string, signal?: AbortSignal): Promise<Asset> {
  const deadline = Date.now() + WAIT_SECONDS * 1000;
  for (;;) {
    signal?.throwIfAborted();
    const a = await getAsset({ id: assetId });
    if (!a) throw new ProviderError("The voice-over was deleted. Compose again.", "permanent");
    if (a.status === "completed") return a;
    if (a.status !== "generating")
      throw new ProviderError(
        `The voice-over could not be made (${(a.errorMessage ?? "unknown error").replace(/\.$/, "")}). Retry, or compose without a voice.`,
        "permanent",
      );
    if (Date.now() > deadline)
      throw new ProviderError(
        "The voice-over took too long to make. Retry, or compose without a voice.",
        "transient",
      );
    await sleep(250, undefined, { signal });
  }
}
