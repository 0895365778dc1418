// A/B variants in the compose job (lib/sessions/variants.ts starts them): each variant is the
// ad with its own choices (../variant-session.ts) through the same steps as a compose — its
// clips in its order, its voice-over (made when its words are new), its music genre (reused
// or made), its captions — rendered in the ad's main format. All are saved together, each a
// final video labelled A, B, C…; the ad's main video stays the main one.
import { mkdir } from "node:fs/promises";
import path from "node:path";
import { composeBrand } from "../../brand/compose-brand";
import { type VariantsMeta, variantLetter } from "../../creative/variant-settings";
import type { Session } from "../../db/schema";
import { type ComposeResult, composeVideo } from "../../media/compose-video";
import { readMeta } from "../session-meta";
import { variantSession } from "../variant-session";
import { voiceOverFor } from "../voice-over";
import { editSpec, localClips, plannedDurationSeconds } from "./compose";
import { type SavedVariant, saveFinalVideos } from "./compose-output";
import { wordsSpec } from "./compose-words";
import { ensureMusic } from "./generate-music";

export async function composeVariants(
  s: Session,
  run: number,
  variants: VariantsMeta,
  ctx: {
    workDir: string;
    cacheDir: string;
    signal: AbortSignal;
    started: number;
    progress: (fraction: number, message: string) => Promise<void>;
  },
): Promise<void> {
  const ratio = readMeta(s).compose?.ratios[0] ?? s.aspectRatio;
  const brand = await composeBrand(s, ctx.workDir);
  const n = variants.items.length;
  const results: ComposeResult[] = [];
  const saved: SavedVariant[] = [];
  for (const [i, settings] of variants.items.entries()) {
    const label = variantLetter(i);
    const message = `Making variant ${label} (${i + 1} of ${n})…`;
    await ctx.progress((0.9 * i) / n, message);
    const v = variantSession(s, settings);
    const workDir = path.join(ctx.workDir, `variant-${label}`);
    await mkdir(workDir, { recursive: true });
    const clips = await localClips(v, ctx.cacheDir);
    const voiceOver = await voiceOverFor(v, { workDir, signal: ctx.signal });
    const music = v.backgroundMusicEnabled
      ? await ensureMusic(v, {
          genre: v.musicGenre ?? "upbeat",
          durationSeconds: await plannedDurationSeconds(v, voiceOver?.words),
          workDir,
          signal: ctx.signal,
        })
      : undefined;
    const spec = {
      ...editSpec(v, clips, { music: music?.path, ratios: [ratio], brand }),
      voiceOver,
      ...wordsSpec(v),
    };
    const [result] = await composeVideo(spec, {
      outDir: path.join(workDir, "out"),
      workDir,
      cacheDir: ctx.cacheDir,
      signal: ctx.signal,
      onProgress: (f) => void ctx.progress((0.9 * (i + f)) / n, message),
    });
    results.push(result);
    saved.push({ label, settings, session: v });
  }
  await ctx.progress(0.95, `Saving your ${n} variants…`);
  await saveFinalVideos(s, run, results, Date.now() - ctx.started, saved);
}
