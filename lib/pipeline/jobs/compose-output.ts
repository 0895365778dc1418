// The finished formats of a compose as `final_video` assets: files (video, poster JPEG,
// thumbnail WebP) stored under the asset's id, rows written in the same transaction as the
// session's move to `completed` and the composition's cost row.
import { randomUUID } from "node:crypto";
import type { VariantSettings } from "../../creative/variant-settings";
import { insertAssets } from "../../db/queries/assets";
import { transaction } from "../../db/queries/tx";
import type { Session } from "../../db/schema";
import { logger } from "../../logger";
import type { ComposeResult } from "../../media/compose-video";
import { FPS } from "../../media/formats";
import { contentTypeFor, mediaKey, mediaUrl, storage } from "../../storage";
import { recordCall } from "../ledger";
import { publishProgress } from "../progress";
import { moveSession } from "../status";

/** A/B variants: result i is variant i, made from `session` (the ad with its choices). */
export type SavedVariant = { label: string; settings: VariantSettings; session: Session };

/**
 * Stores every format and records them in one transaction with the move to `completed`:
 * either the session completes with all of its videos, or (cancelled meanwhile) with none.
 * Variants leave the ad's main video (final_video_id) as it is.
 */
export async function saveFinalVideos(
  s: Session,
  run: number,
  results: ComposeResult[],
  latencyMs: number,
  variants?: SavedVariant[],
): Promise<void> {
  for (const r of results) {
    // Correct but slow: the fast path's output failed its check (a bug worth knowing about).
    if (r.fallbackReason)
      logger.warn("composition fell back to the one-pass render", {
        sessionId: s.id,
        ratio: r.ratio,
        reason: r.fallbackReason,
      });
  }
  const stored = await Promise.all(
    results.map(async (r) => {
      const id = randomUUID();
      const keys: Record<string, string> = {
        video: mediaKey(s.id, id, "mp4"),
        poster: mediaKey(s.id, id, "jpg"),
        thumbnail: mediaKey(s.id, id, "webp"),
        // The captions as files, stored like the video and named after it.
        ...(r.captions ? { srt: mediaKey(s.id, id, "srt"), vtt: mediaKey(s.id, id, "vtt") } : {}),
      };
      const [{ size }] = await Promise.all([
        storage().putFile(keys.video, r.videoPath, contentTypeFor("mp4")),
        storage().putFile(keys.poster, r.posterPath, contentTypeFor("jpg")),
        storage().putFile(keys.thumbnail, r.thumbnailPath, contentTypeFor("webp")),
        ...(r.captions
          ? [
              storage().putFile(keys.srt, r.captions.srtPath, contentTypeFor("srt")),
              storage().putFile(keys.vtt, r.captions.vttPath, contentTypeFor("vtt")),
            ]
          : []),
      ]);
      return { id, r, keys, size };
    }),
  );
  const done = await transaction(async (tx) => {
    const rows = await insertAssets({
      tx,
      values: stored.map(({ id, r, keys, size }, index) => {
        const made = variants?.[index]?.session ?? s;
        return {
          id,
          sessionId: s.id,
          type: "final_video" as const,
          source: "ffmpeg" as const,
          status: "completed" as const,
          url: mediaUrl(keys.video),
          storagePath: keys.video,
          fileSizeBytes: size,
          mimeType: "video/mp4",
          resolution: `${r.width}x${r.height}`,
          durationSeconds: r.durationSeconds.toFixed(3),
          fps: FPS,
          generationCost: "0",
          generationTimeSeconds: (r.stats.ms / 1000).toFixed(2),
          modelVersion: "ffmpeg",
          metadata: {
            index,
            aspectRatio: r.ratio,
            composeRun: run,
            posterKey: keys.poster,
            posterUrl: mediaUrl(keys.poster),
            thumbnailKey: keys.thumbnail,
            thumbnailUrl: mediaUrl(keys.thumbnail),
            ...(keys.srt
              ? {
                  captionsSrtKey: keys.srt,
                  captionsSrtUrl: mediaUrl(keys.srt),
                  captionsVttKey: keys.vtt,
                  captionsVttUrl: mediaUrl(keys.vtt),
                }
              : {}),
            productName: made.productName,
            callToAction: made.callToAction,
            textColor: made.textColor,
            textFont: made.textFont,
            musicGenre: made.backgroundMusicEnabled ? made.musicGenre : null,
            ...(variants?.[index]
              ? { variant: variants[index].label, variantSettings: variants[index].settings }
              : {}),
            render: {
              method: r.method,
              ...r.stats,
              ...(r.fallbackReason ? { fallbackReason: r.fallbackReason } : {}),
            },
          },
        };
      }),
    });
    await recordCall({
      tx,
      sessionId: s.id,
      assetId: rows[0].id,
      category: "composition",
      call: {
        amountUsd: 0,
        provider: "local",
        model: "ffmpeg",
        latencyMs,
        metadata: {
          ratios: results.map((r) => r.ratio),
          run,
          ...(variants ? { variants: variants.map((v) => v.label) } : {}),
        },
      },
      success: true,
    });
    const moved = await moveSession({
      tx,
      id: s.id,
      to: "completed",
      from: ["composing"],
      stage: "composition",
      errorMessage: null,
      set: variants ? {} : { finalVideoId: rows[0].id },
    });
    if (!moved) tx.rollback(); // cancelled or deleted meanwhile
    return moved;
  }).catch(async (err) => {
    await Promise.all(
      stored.flatMap(({ keys }) =>
        Object.values(keys).map((k) =>
          storage()
            .delete(k)
            .catch(() => {}),
        ),
      ),
    );
    if (/rollback/i.test(String((err as Error)?.message))) return undefined;
    throw err;
  });
  if (done)
    await publishProgress(
      s.id,
      variants
        ? `Your ${variants.length} variants are ready.`
        : results.length > 1
          ? `Your ${results.length} videos are ready.`
          : "Your video is ready.",
    );
}
