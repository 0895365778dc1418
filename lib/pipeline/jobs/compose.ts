// Stage 6: the final ad. Gets the music (reused when the genre has not changed), copies the
// approved clips into the worker's clip cache in order, composes every asked format
// (lib/media/compose-video.ts) and stores each as a `final_video` asset with its poster and
// thumbnail. The session completes with final_video_id on the first format; earlier final
// videos are kept. A run that renders A/B variants goes to ./compose-variants.ts. Any failure leaves the session `failed` with a message saying what to do.
import { rename } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { composeBrand, type SpecBrand } from "../../brand/compose-brand";
import type { CaptionSettings } from "../../creative/settings";
import { dataDir } from "../../data-dir";
import { listSessionAssets } from "../../db/queries/assets";
import { getLiveSession } from "../../db/queries/sessions";
import type { Session } from "../../db/schema";
import { env } from "../../env";
import { logger } from "../../logger";
import { cachedCopy, pruneCache, sessionCacheDir } from "../../media/clip-cache";
import { ComposeCancelledError, composeVideo } from "../../media/compose-video";
import { type CompositionSpecInput, expectedDurationSeconds } from "../../media/composition-spec";
import { type AspectRatio, FPS } from "../../media/formats";
import type { WordTiming } from "../../providers/types";
import { storage } from "../../storage";
import { jobWorker } from "../define-job";
import { composeJob } from "../job-defs";
import { recordCall } from "../ledger";
import { publishProgress } from "../progress";
import { watchCancellation, withWorkDir } from "../run-call";
import { readMeta } from "../session-meta";
import { moveSession, setProgress, stageProgress } from "../status";
import { voiceOverFor } from "../voice-over";
import { composeFailureMessage, lowOnDisk } from "./compose-errors";
import { saveFinalVideos } from "./compose-output";
import { composeVariants } from "./compose-variants";
import { wordsSpec } from "./compose-words";
import { ensureMusic } from "./generate-music";

export { reusableMusic } from "./generate-music";

/** The edit's fixed choices; the user's are the text, colour, font, music and formats. */
const CROSSFADE_SECONDS = 0.5;
const TITLE_SECONDS = 2;
/** The designed end card (lib/media/end-card.ts): 2–3 s in ad-creative.md. */
const END_CARD_SECONDS = 2;

/** Where a worker keeps each session's clips and what it prepared of the edit (clip-cache.ts). */
export const cacheRoot = () => path.join(dataDir(), "cache", "compose");

/**
 * How long the ad will be: the approved clips' measured durations, each held while its line
 * is heard (`voiceWords`, the voice-over's words, known or estimated, ad-length.ts) or, with
 * captions and no voice, read. The same rule as the render (lib/media/ad-timing.ts).
 */
export async function plannedDurationSeconds(
  s: Session,
  voiceWords?: WordTiming[],
  /** The captions being priced; default the last compose's. */
  captions?: CaptionSettings,
): Promise<number> {
  const byId = new Map((await listSessionAssets({ sessionId: s.id })).map((a) => [a.id, a]));
  const frames = (s.approvedClipIds ?? []).map((id) =>
    Math.max(
      1,
      Math.round(Number(byId.get(id)?.durationSeconds ?? s.clipDurationSeconds ?? 3) * FPS),
    ),
  );
  if (!frames.length) return 0;
  // The length does not depend on the title's or card's words, only on the spoken or read ones.
  const spec = {
    ...editSpec(
      s,
      frames.map(() => "clip.mp4"),
      { anyText: true },
    ),
    ...wordsSpec(s, captions),
    voiceOver: voiceWords?.length ? { path: "voice.wav", words: voiceWords } : undefined,
  };
  return expectedDurationSeconds(spec, frames);
}

/**
 * The session's edit as a composition spec. `anyText`: placeholder words, for what does not
 * depend on them (the length; the edit's preparation, prepare-edit.ts).
 */
export function editSpec(
  s: Session,
  clips: string[],
  opts: { music?: string; ratios?: AspectRatio[]; anyText?: boolean; brand?: SpecBrand } = {},
): CompositionSpecInput {
  const { music, ratios } = opts;
  return {
    clips: clips.map((p) => ({ path: p })),
    crossfadeSeconds: CROSSFADE_SECONDS,
    title: { text: opts.anyText ? "T" : (s.productName ?? ""), durationSeconds: TITLE_SECONDS },
    endCard: {
      text: opts.anyText ? "C" : (s.callToAction ?? ""),
      durationSeconds: END_CARD_SECONDS,
    },
    textColor: s.textColor ?? "#FFFFFF",
    font: s.textFont ?? "inter",
    music: music ? { path: music } : undefined,
    // Always the designed end card; without a brand kit it takes default colours.
    brand: opts.brand ?? { colors: [] },
    outputs: { ratios: ratios ?? [s.aspectRatio] },
  };
}

export const composeWorker = jobWorker({
  job: composeJob,
  concurrency: () => env.COMPOSE_CONCURRENCY,
  async handle({ sessionId, run }) {
    const s = await getLiveSession({ id: sessionId });
    if (s?.status !== "composing") return;
    const meta = readMeta(s).compose;
    if (!meta || meta.run !== run) return; // stale or repeated job
    const watch = watchCancellation(s.id);
    const started = Date.now();
    const progress = progressReporter(s.id);
    try {
      await withWorkDir(async (workDir) => {
        await pruneCache(cacheRoot());
        const cacheDir = await sessionCacheDir(cacheRoot(), s.id);
        const variants = readMeta(s).variants;
        if (variants?.composeRun === run)
          return composeVariants(s, run, variants, {
            workDir,
            cacheDir,
            signal: watch.signal,
            started,
            progress,
          });
        await progress(0, "Preparing your clips…");
        const clips = await localClips(s, cacheDir);
        // The captions need the voice's word times before anything is drawn: made (or reused) first.
        const voiceOver = await voiceOverFor(s, { workDir, signal: watch.signal });
        // The music is made while the pictures are rendered (only the audio bed waits for it),
        // as long as the ad with the voice's timing: it covers the end card, with no loop.
        const music = s.backgroundMusicEnabled ? path.join(workDir, "music") : undefined;
        const musicReady =
          music === undefined
            ? undefined
            : plannedDurationSeconds(s, voiceOver?.words)
                .then((durationSeconds) =>
                  ensureMusic(s, {
                    genre: s.musicGenre ?? "upbeat",
                    durationSeconds,
                    workDir,
                    signal: watch.signal,
                  }),
                )
                .then((made) => rename(made.path, music));
        musicReady?.catch(() => {}); // composeVideo reports its failure
        const ratios = meta.ratios;
        await progress(
          0.1,
          ratios.length > 1 ? `Composing ${ratios.length} formats…` : "Composing your video…",
        );
        const brand = await composeBrand(s, workDir);
        const spec = {
          ...editSpec(s, clips, { music, ratios, brand }),
          voiceOver,
          ...wordsSpec(s),
        };
        const results = await composeVideo(spec, {
          outDir: path.join(workDir, "out"),
          workDir,
          cacheDir,
          signal: watch.signal,
          musicReady,
          onProgress: (f) =>
            void progress(
              0.1 + 0.8 * f,
              ratios.length > 1 ? `Composing ${ratios.length} formats…` : "Composing your video…",
            ),
        });
        await progress(0.95, "Saving your video…");
        await saveFinalVideos(s, run, results, Date.now() - started);
      });
    } catch (err) {
      if (watch.signal.aborted || err instanceof ComposeCancelledError) return; // cancelled or deleted: nothing to report
      const message = composeFailureMessage(err, await lowOnDisk([tmpdir(), cacheRoot()]));
      logger.warn("composition failed", {
        sessionId,
        run,
        error: err instanceof Error ? err.message.slice(0, 500) : String(err),
      });
      await recordCall({
        sessionId,
        category: "composition",
        call: { amountUsd: 0, provider: "local", model: "ffmpeg", latencyMs: Date.now() - started },
        success: false,
        errorMessage: message,
      });
      const failed = await moveSession({
        id: sessionId,
        to: "failed",
        from: ["composing"],
        errorMessage: message,
      });
      if (failed) await publishProgress(sessionId, message);
    } finally {
      watch.stop();
    }
  },
});

/** The approved clips, in order, as local files in the session's cache. */
export async function localClips(s: Session, cacheDir: string): Promise<string[]> {
  const byId = new Map((await listSessionAssets({ sessionId: s.id })).map((a) => [a.id, a]));
  return Promise.all(
    (s.approvedClipIds ?? []).map((id) => {
      const a = byId.get(id);
      if (!a?.storagePath || a.type !== "video_clip") throw new MissingClipError();
      const key = a.storagePath;
      return cachedCopy(cacheDir, `${a.id}.mp4`, a.fileSizeBytes, (dest) =>
        storage().download(key, dest),
      );
    }),
  );
}

export class MissingClipError extends Error {
  constructor() {
    super("an approved clip has no stored file");
    this.name = "MissingClipError";
  }
}

/** Raises the stage's progress (90–100 %) and tells open tabs, at most once per percent. */
function progressReporter(sessionId: string) {
  let last = -1;
  return async (fraction: number, message: string) => {
    const pct = stageProgress("composition", fraction);
    if (pct <= last) return;
    last = pct;
    try {
      await setProgress(sessionId, "composing", pct);
      await publishProgress(sessionId, message);
    } catch (err) {
      logger.warn("compose progress not saved", { sessionId, error: String(err) }); // a hint, never a reason to fail
    }
  };
}
