// Read-only query for the dashboard: one picture per ad — the final video's poster when
// there is one, else the first approved image, else the first finished image.
import { and, asc, inArray, isNull, sql } from "drizzle-orm";
import { db } from "../db/client";
import { assets } from "../db/schema";

export type Thumbnail = { url: string; resolution: string | null };

export async function listThumbnails(sessionIds: string[]): Promise<Map<string, Thumbnail>> {
  const out = new Map<string, Thumbnail>();
  if (sessionIds.length === 0) return out;
  const rows = await db()
    .selectDistinctOn([assets.sessionId], {
      sessionId: assets.sessionId,
      type: assets.type,
      url: assets.url,
      resolution: assets.resolution,
      poster: sql<string | null>`${assets.metadata}->>'posterUrl'`,
    })
    .from(assets)
    .where(
      and(
        inArray(assets.sessionId, sessionIds),
        isNull(assets.deletedAt),
        inArray(assets.type, ["image", "final_video"]),
        inArray(assets.status, ["completed", "approved"]),
      ),
    )
    .orderBy(
      assets.sessionId,
      sql`(${assets.type} = 'final_video' and ${assets.metadata}->>'posterUrl' is not null) desc`,
      sql`${assets.type} = 'image' desc`,
      sql`${assets.selectionOrder} asc nulls last`,
      asc(assets.createdAt),
    );
  for (const r of rows) {
    const url = r.type === "final_video" ? r.poster : r.url;
    if (url) out.set(r.sessionId, { url, resolution: r.resolution });
  }
  return out;
}
