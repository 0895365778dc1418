// A clip file stored and recorded the way the clip stage leaves it: a finished `video_clip`
// asset of the session with its file facts (for tests and benchmarks that skip the stages).
import { eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { assets } from "@/lib/db/schema";
import { contentTypeFor, mediaKey, mediaUrl, storage } from "@/lib/storage";

/** Stores `file` as clip `index` of the session; approved (and in that order) when asked. */
export async function insertStoredClip(o: {
  sessionId: string;
  index: number;
  file: string;
  seconds: number;
  size: { width: number; height: number };
  approved?: boolean;
}): Promise<string> {
  const [row] = await db()
    .insert(assets)
    .values({
      sessionId: o.sessionId,
      type: "video_clip",
      source: "local-video",
      status: o.approved ? "approved" : "completed",
      url: "",
      ...(o.approved ? { userSelected: true, selectionOrder: o.index } : {}),
      metadata: { index: o.index },
    })
    .returning();
  const key = mediaKey(o.sessionId, row.id, "mp4");
  const { size: bytes } = await storage().putFile(key, o.file, contentTypeFor("mp4"));
  await db()
    .update(assets)
    .set({
      url: mediaUrl(key),
      storagePath: key,
      fileSizeBytes: bytes,
      mimeType: "video/mp4",
      durationSeconds: o.seconds.toFixed(3),
      fps: 30,
      resolution: `${o.size.width}x${o.size.height}`,
    })
    .where(eq(assets.id, row.id));
  return row.id;
}
