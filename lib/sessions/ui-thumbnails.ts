// For the dashboard: one picture per ad — the final video's poster when there is one, else
// the first approved image, else the first finished image (chosen by the query,
// listOwnSessionsWithCovers).
import type { SessionCover } from "../db/queries/thumbnails";

export type Thumbnail = { url: string; resolution: string | null };

export function thumbnailOf(cover: SessionCover | null): Thumbnail | undefined {
  const url = cover?.type === "final_video" ? cover.poster : cover?.url;
  return url ? { url, resolution: cover?.resolution ?? null } : undefined;
}
