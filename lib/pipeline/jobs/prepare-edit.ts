// Prepares the final video before anyone composes it: once clips are approved (approveClips
// starts this for the ad's own format), for each other format the moment it is picked on
// the Finish step, and again when the Finish step sends its words, voice-over or captions
// (POST /api/sessions/:id/prepare). It makes what the compose would make with what is known
// now (lib/media/prepare-edit.ts): the clips normalised, the crossfades, the designed end
// card with the name and call to action written so far, and — once the voice-over exists —
// the clips held for their sentences and the pieces under the captions. All of it goes into the
// session's clip cache under keys of what each piece shows: a compose with the same words
// finds it and encodes only its title; changed words make only what differs.
// The voice-over is made here only when it costs nothing (the offline voice): a paid voice is
// made by the compose the marketer confirmed, and a later compose reuses the pieces it kept.
// Formats nobody picked are not prepared: most ads are exported in one. Best effort and low
// priority: a compose that starts before it ends, or after it failed, makes what is missing
// itself (slower, same video).

import { composeBrand } from "../../brand/compose-brand";
import { scriptSentences } from "../../creative/script";
import { getLiveSession } from "../../db/queries/sessions";
import type { Session } from "../../db/schema";
import { env } from "../../env";
import { errorFields, logger } from "../../logger";
import { sessionCacheDir } from "../../media/clip-cache";
import type { CompositionSpecInput } from "../../media/composition-spec";
import type { AspectRatio } from "../../media/formats";
import { prepareEdit } from "../../media/prepare-edit";
import { jobWorker } from "../define-job";
import { prepareEditJob } from "../job-defs";
import { watchCancellation, withWorkDir } from "../run-call";
import { readMeta, type SessionMeta } from "../session-meta";
import { voiceOverFor, voiceRequestOf } from "../voice-over";
import { cacheRoot, editSpec, localClips } from "./compose";

const sameOrder = (a: string[] | null, b: string[]) =>
  !!a && a.length === b.length && a.every((id, i) => id === b[i]);

type Words = {
  voiceOver?: SessionMeta["voiceOver"];
  captions?: { enabled: boolean; style: "karaoke" | "pop" | "boxed" };
  productName?: string;
  callToAction?: string;
};

export const prepareEditWorker = jobWorker({
  job: prepareEditJob,
  concurrency: () => env.PREPARE_EDIT_CONCURRENCY,
  async handle({ sessionId, clipIds, ratio, ...words }) {
    const stored = await getLiveSession({ id: sessionId });
    // The Finish step's name and call to action, when it sent them, are the ones to expect.
    const s = stored && {
      ...stored,
      productName: words.productName ?? stored.productName,
      callToAction: words.callToAction ?? stored.callToAction,
    };
    // Gone, or approved again since (that approval enqueued its own preparation).
    if (!s || s.status === "cancelled" || !sameOrder(s.approvedClipIds, clipIds)) return;
    const watch = watchCancellation(s.id);
    const format = ratio ?? s.aspectRatio;
    try {
      const [done] = await withWorkDir(async (workDir) => {
        const cacheDir = await sessionCacheDir(cacheRoot(), s.id);
        const clips = await localClips(s, cacheDir);
        const spec = await likelySpec(s, clips, format, words, workDir, watch);
        return prepareEdit(spec, {
          cacheDir,
          workDir,
          ratios: [format],
          signal: watch.signal,
          endCard: wordsKnown(s),
        });
      });
      logger.info("edit prepared", {
        ratio: format,
        ms: done.ms,
        pieces: `${done.renderedPieces} rendered, ${done.reusedPieces} reused`,
        normalizedClips: done.normalizedClips,
      });
    } catch (err) {
      if (watch.signal.aborted) return; // cancelled or deleted
      // Not retried: the compose does this work itself when it is missing.
      logger.warn("edit preparation failed; the compose will make what it needs", {
        ...errorFields(err),
        ratio: format,
      });
    } finally {
      watch.stop();
    }
  },
});

/**
 * The ad has its name and call to action (from the prompt, the brand kit, a compose or the
 * Finish step's POST /prepare). Not guessed: a card made with words the compose then changes
 * (an API client's own call to action) would be made twice.
 */
const wordsKnown = (s: Session) => !!s.productName?.trim() && !!s.callToAction?.trim();

/**
 * The compose's spec as far as it is known now: the ad's name, call to action, colour and
 * font, the brand's end card, and the voice-over and captions the Finish step named (else the
 * last compose's; the captions else the brand kit's style, as the Finish step starts from).
 */
async function likelySpec(
  s: Session,
  clips: string[],
  ratio: AspectRatio,
  words: Words,
  workDir: string,
  watch: { signal: AbortSignal },
): Promise<CompositionSpecInput> {
  const meta = readMeta(s);
  const brand = await composeBrand(s, workDir);
  const spec = editSpec(s, clips, {
    ratios: [ratio],
    brand,
    anyText: !wordsKnown(s),
  });
  const captions =
    words.captions ??
    meta.compose?.captions ??
    (meta.brand?.captionStyle ? { enabled: true, style: meta.brand.captionStyle } : undefined);
  const voiceOver = await voiceOverFor(s, {
    workDir,
    signal: watch.signal,
    settings: words.voiceOver,
    ahead: true,
  }).catch((err) => {
    watch.signal.throwIfAborted();
    // The compose makes it (and says what went wrong); the pieces that need it wait.
    logger.warn("voice-over not made ahead", { ...errorFields(err), sessionId: s.id });
    return undefined;
  });
  // Captions follow the voice when there is one: without it made yet, their pieces wait.
  const spoken = !!voiceRequestOf(s, words.voiceOver ?? meta.voiceOver);
  return {
    ...spec,
    voiceOver,
    script: meta.script ? scriptSentences(meta.script) : undefined,
    captions: captions?.enabled && (voiceOver || !spoken) ? { style: captions.style } : undefined,
  };
}
