// For the dashboard: one picture per ad — the final video's poster when there is one, else
// the first approved image, else the first finished image.
import { listSessionCovers } from "../db/queries/thumbnails";

export type Thumbnail = { url: string; resolution: string | null };

export async function listThumbnails(sessionIds: string[]): Promise<Map<string, Thumbnail>> {
  const out = new Map<string, Thumbnail>();
  for (const r of await listSessionCovers({ sessionIds })) {
    const url = r.type === "final_video" ? r.poster : r.url;
    if (url) out.set(r.sessionId, { url, resolution: r.resolution });
  }
  return out;
}
