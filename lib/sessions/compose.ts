// Starting the composition stage (POST /api/sessions/:id/compose): validates the edit's
// settings, checks the budget, saves the settings on the session, moves it to `composing`
// and enqueues the compose job. A completed ad can be composed again with new text, music
// or formats; its clips are reused and its earlier final videos are kept.

import { createHash } from "node:crypto";
import { z } from "zod";
import { characterCount } from "../characters";
import {
  type CaptionSettings,
  captionsSchema,
  NO_CAPTIONS,
  voiceOverSchema,
} from "../creative/settings";
import { listSessionAssets } from "../db/queries/assets";
import { getBrandKit } from "../db/queries/brand";
import type { SessionChanges } from "../db/queries/sessions";
import type { Session } from "../db/schema";
import { invalidState } from "../errors";
import { FONT_IDS } from "../media/fonts";
import { ASPECT_RATIOS, type AspectRatio } from "../media/formats";
import { adLength } from "../pipeline/ad-length";
import { reusableMusic } from "../pipeline/jobs/compose";
import { publishProgress } from "../pipeline/progress";
import { readMeta, withMeta } from "../pipeline/session-meta";
import { startComposing } from "../pipeline/start-stage";
import { stageProgress } from "../pipeline/status";
import { MUSIC_GENRES, type MusicGenre } from "../providers/types";
import {
  assertConfirmedEstimate,
  assertWithinBudget,
  type Estimate,
  estimateStage,
} from "./estimate";
import { confirmEstimateField } from "./fields";
import { requireOwnSession, type SessionRef } from "./load";
import { sessionView } from "./session-view";
import { freshJobKeysIfCancelled, moveIntoStage } from "./stage-move";
import { stoppedStage } from "./stage-rules";
import { statusText } from "./stage-state";
import type { VoiceOverChoice } from "./voice-choice";
import {
  knownVoice,
  resolveVoiceOver,
  unknownVoiceMessage,
  voiceOverEstimate,
} from "./voice-choice";

/**
 * Characters as a marketer counts them: code points, so an emoji is 1 (a UTF-16 `length`
 * says 2). The same count as the composition spec (lib/media/composition-spec.ts) and the
 * Finish step's counter (components/format.ts `characters`).
 */

/** Any text is allowed (it is drawn as an image): only its length and emptiness are checked. */
export const text = (what: string, max: number) =>
  z
    .string({ error: `${what} must be text.` })
    .refine((s) => s.trim().length > 0, `${what} cannot be empty.`)
    .refine((s) => characterCount(s) <= max, `${what} can be at most ${max} characters.`)
    .refine((s) => s.split(/\r\n|\r|\n/).length <= 4, `${what} can have at most 4 lines.`);

export const composeBody = z.strictObject({
  productName: text("The product name", 50),
  callToAction: text("The call to action", 30),
  textColor: z
    .string({ error: "The text colour must look like #RRGGBB." })
    .regex(/^#[0-9a-fA-F]{6}$/, "The text colour must look like #RRGGBB, e.g. #FFFFFF.")
    .transform((c) => c.toUpperCase())
    .default("#FFFFFF"),
  textFont: z
    .enum(FONT_IDS, { error: `The font is one of: ${FONT_IDS.join(", ")}.` })
    .default("inter"),
  backgroundMusic: z
    .strictObject({
      enabled: z.boolean({ error: "backgroundMusic.enabled is true or false." }),
      genre: z
        .enum(MUSIC_GENRES, { error: `The music genre is one of: ${MUSIC_GENRES.join(", ")}.` })
        .default("upbeat"),
    })
    .default({ enabled: false, genre: "upbeat" }),
  /** Default: the session's own format (9:16 unless it was created otherwise). */
  aspectRatios: z
    .array(
      z.enum(ASPECT_RATIOS, { error: `Each aspect ratio is one of: ${ASPECT_RATIOS.join(", ")}.` }),
    )
    .min(1, "Choose at least one aspect ratio.")
    .max(ASPECT_RATIOS.length)
    .refine((r) => new Set(r).size === r.length, "Each aspect ratio can be asked for once.")
    .optional(),
  /** Default: no voice. The voice is checked against GET /api/voices (./voice-choice.ts). */
  voiceOver: voiceOverSchema
    .refine(knownVoice, {
      path: ["voice"],
      error: unknownVoiceMessage,
    })
    .optional(),
  /** Burned-in captions of the script (spoken or on a reading schedule); default none. */
  captions: captionsSchema.optional(),
  /** The brand's logo as a small corner mark throughout (needs a logo in the brand kit). */
  logo: z.boolean({ error: "logo is true or false." }).optional(),
  confirmEstimate: confirmEstimateField,
});
export type ComposeInput = z.infer<typeof composeBody>;

/**
 * Starts a composition (202). Idempotent: a repeat of the request that is running, or that
 * made the current final video, starts nothing; a different request while one runs is a 409.
 */
export async function composeSession({ input, ...ref }: SessionRef & { input: ComposeInput }) {
  const s = await requireOwnSession(ref);
  const ratios = input.aspectRatios ?? [s.aspectRatio];
  // The script is part of what is drawn and heard, and a changed brand kit changes the end
  // card: either makes the same request a new one.
  const kit = await getBrandKit({ userId: s.userId });
  const hash = requestHash(input, ratios, s.approvedClipIds ?? [], {
    script: readMeta(s).script,
    brand: kit?.updatedAt?.toISOString(),
  });
  const last = readMeta(s).compose;
  if (s.status === "composing") {
    if (last?.requestHash === hash) return sessionView(s);
    throw invalidState(
      "A video is being composed for this ad. Wait for it to finish, then compose again with the new settings.",
    );
  }
  if (s.status === "completed" && last?.requestHash === hash) return sessionView(s);
  const canCompose =
    s.status === "reviewing_videos" ||
    s.status === "completed" ||
    (s.status === "failed" && stoppedStage(s) === "compose");
  if (!canCompose)
    throw invalidState(
      `The video can be composed once its clips are chosen; this ad is ${statusText(s)}.`,
    );
  await assertClipsReady(s);
  const voiceOver = resolveVoiceOver(s, input.voiceOver);

  const estimate = await estimateCompose(s, {
    music: input.backgroundMusic.enabled,
    genre: input.backgroundMusic.genre,
    aspectRatios: ratios,
    voiceOver,
    captions: input.captions ?? NO_CAPTIONS,
  });
  const moved = await enterComposing(s, estimate, input.confirmEstimate, (locked) => ({
    productName: input.productName,
    callToAction: input.callToAction,
    textColor: input.textColor,
    textFont: input.textFont,
    backgroundMusicEnabled: input.backgroundMusic.enabled,
    musicGenre: input.backgroundMusic.genre,
    estimatedCost: estimate.amount.toFixed(4),
    metadata: withMeta(locked, {
      compose: {
        run: (readMeta(locked).compose?.run ?? 0) + 1,
        ratios,
        requestHash: hash,
        captions: input.captions,
        logo: input.logo ?? false,
      },
      voiceOver,
    }),
  }));
  if (!moved) return sessionView(await requireOwnSession(ref));
  await startComposeJob(moved);
  return sessionView(moved);
}

/**
 * Re-runs a failed composition with the settings it had (POST /retry). Its earlier final
 * videos, clips and music are kept; a new job key (retry_count went up) gives a fresh job.
 */
export async function retryCompose(s: Session, confirmEstimate?: number): Promise<Session> {
  if (!(s.status === "failed" || s.status === "cancelled") || stoppedStage(s) !== "compose") {
    throw invalidState(`Nothing to retry: this ad is ${statusText(s)}.`);
  }
  if (!readMeta(s).compose)
    throw invalidState(
      "This ad has not been composed yet: choose its text and music, then compose.",
    );
  await assertClipsReady(s);
  const estimate = await estimateCompose(s, {
    music: !!s.backgroundMusicEnabled,
    genre: s.musicGenre,
    aspectRatios: readMeta(s).compose?.ratios,
  });
  const moved = await enterComposing(s, estimate, confirmEstimate, (locked) => ({
    estimatedCost: estimate.amount.toFixed(4),
    ...freshJobKeysIfCancelled(locked),
  }));
  if (!moved) return requireOwnSession({ userId: s.userId, id: s.id });
  await startComposeJob(moved);
  return moved;
}

/** The estimate confirmed and within budget, the session moves into composing (undefined: a concurrent request did). */
function enterComposing(
  s: Session,
  estimate: Estimate,
  confirmEstimate: number | undefined,
  set: (locked: Session) => SessionChanges,
): Promise<Session | undefined> {
  assertConfirmedEstimate(estimate, confirmEstimate);
  assertWithinBudget(s, estimate);
  return moveIntoStage(s, {
    to: "composing",
    stage: "composition",
    progress: stageProgress("composition", 0),
    set,
  });
}

/**
 * What a composition with these choices costs — the one pricing that the estimate endpoint
 * shows and the compose and retry requests check `confirmEstimate` against. Music the ad
 * already has (same genre, long enough) is reused and costs nothing; music is priced for
 * the ad's length (measured clips, crossfades, end card, and with a voice each clip held
 * while its line is heard: ../pipeline/ad-length.ts), returned as `durationSeconds`.
 * Unset choices are the session's own.
 */
export async function estimateCompose(
  s: Session,
  choice: {
    music?: boolean;
    genre?: MusicGenre | null;
    aspectRatios?: string[];
    voiceOver?: VoiceOverChoice;
    /** The voice whose timing sets the length, when it is not the one priced (variants). */
    voiceTiming?: VoiceOverChoice;
    /** Without a voice, captions hold each clip while its line is read: a longer ad, longer music. */
    captions?: CaptionSettings;
  } = {},
) {
  const voiceOver = choice.voiceOver ?? readMeta(s).voiceOver;
  const length = await adLength(s, choice.voiceTiming ?? voiceOver, choice.captions);
  const genre = choice.genre ?? s.musicGenre ?? "upbeat";
  const wanted = choice.music ?? s.backgroundMusicEnabled ?? false;
  const musicNeeded = wanted && !(await reusableMusic(s.id, genre, length.seconds));
  const estimate = estimateStage(s, "compose", {
    music: musicNeeded,
    aspectRatios: choice.aspectRatios ?? [s.aspectRatio],
    durationSeconds: length.seconds,
  });
  return {
    ...(await voiceOverEstimate(s, estimate, voiceOver)),
    durationSeconds: Math.round(length.seconds * 100) / 100,
    durationFrom: length.voice,
  };
}

async function startComposeJob(s: Session): Promise<void> {
  await startComposing(s);
  await publishProgress(s.id, "Composing your video…");
}

async function assertClipsReady(s: Session): Promise<void> {
  const approved = s.approvedClipIds ?? [];
  if (approved.length === 0)
    throw invalidState("Choose at least one clip before composing the video.");
  const assets = new Map((await listSessionAssets({ sessionId: s.id })).map((a) => [a.id, a]));
  const missing = approved.filter((id) => {
    const a = assets.get(id);
    return (
      a?.type !== "video_clip" || !["completed", "approved"].includes(a.status) || !a.storagePath
    );
  });
  if (missing.length)
    throw invalidState(
      "One of the chosen clips is no longer available. Choose your clips again, then compose.",
    );
}

function requestHash(
  input: ComposeInput,
  ratios: AspectRatio[],
  clips: string[],
  words: { script?: unknown; brand?: string },
): string {
  const { confirmEstimate: _, aspectRatios: __, ...rest } = input;
  // The script is part of what is composed (an edited script composes anew).
  return createHash("sha256")
    .update(
      JSON.stringify({
        ...rest,
        ratios,
        clips,
        ...(words.script ? { script: words.script } : {}),
        ...(words.brand ? { brand: words.brand } : {}),
      }),
    )
    .digest("hex")
    .slice(0, 32);
}
