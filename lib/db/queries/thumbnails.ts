import { and, asc, inArray, isNull, sql } from "drizzle-orm";
import { db } from "../client";
import { assets } from "../schema";

/**
 * One row per session, the best picture first: a final video with a poster, else the first
 * approved image (by selection order), else the first finished image.
 */
export async function listSessionCovers({ sessionIds }: { sessionIds: string[] }) {
  if (sessionIds.length === 0) return [];
  return db()
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
}
