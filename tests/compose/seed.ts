// A session at clip review without running the image and clip stages: real clips rendered
// in the shared encoding (as the local video provider makes them), stored and recorded the
// way the clip stage leaves them. Keeps the compose tests about composing.
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { sessions } from "@/lib/db/schema";
import { type AspectRatio, outputSize } from "@/lib/media/formats";
import { makeCameraMoveClip, makeProductImage } from "../fixtures/media/make-media";
import { insertStoredClip } from "../support/stored-clip";

export async function seedSessionAtClipReview(
  userId: number,
  opts: { clips?: number; seconds?: number; aspectRatio?: AspectRatio } = {},
) {
  const n = opts.clips ?? 2;
  const seconds = opts.seconds ?? 2;
  const ratio = opts.aspectRatio ?? "9:16";
  const size = outputSize(ratio);
  const [s] = await db()
    .insert(sessions)
    .values({
      userId,
      status: "reviewing_videos",
      currentStage: "video_gen",
      progressPercentage: 90,
      userProductPrompt: "pink tennis shoes with white laces",
      userVideoPrompt: "a slow turn",
      productCategory: "footwear",
      consistencySeed: 42,
      clipDurationSeconds: seconds.toFixed(2),
      aspectRatio: ratio,
    })
    .returning();
  const dir = await mkdtemp(path.join(tmpdir(), "seed-clips-"));
  try {
    const moves = ["pan_right", "tilt_up", "pan_left", "tilt_down"] as const;
    const ids: string[] = [];
    for (let i = 0; i < n; i++) {
      const img = path.join(dir, `image-${i}.png`);
      const file = path.join(dir, `clip-${i}.mp4`);
      await makeProductImage(
        img,
        Math.round(size.width * 1.25),
        Math.round(size.height * 1.25),
        320 + i * 70,
      );
      await makeCameraMoveClip(img, file, { ...size, seconds, move: moves[i % moves.length] });
      ids.push(
        await insertStoredClip({ sessionId: s.id, index: i, file, seconds, size, approved: true }),
      );
    }
    await db()
      .update(sessions)
      .set({ generatedClipIds: ids, approvedClipIds: ids })
      .where(eq(sessions.id, s.id));
    return { id: s.id, clips: ids };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
