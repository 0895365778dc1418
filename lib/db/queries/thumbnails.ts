import { and, asc, desc, eq, inArray, isNull, sql } from "drizzle-orm";
import { db } from "../client";
import { type Asset, assets, type Session, sessions } from "../schema";
import { type OwnSessionsQuery, ownSessionsWhere } from "./sessions";

export type SessionCover = Pick<Asset, "type" | "url" | "resolution"> & { poster: string | null };

/**
 * A page of the user's sessions (as listOwnSessions) with each one's cover, in one
 * statement: the best picture first — a final video with a poster, else the first approved
 * image (by selection order), else the first finished image; null when it has none.
 */
export async function listOwnSessionsWithCovers(
  opts: OwnSessionsQuery,
): Promise<{ session: Session; cover: SessionCover | null }[]> {
  const poster = sql<string | null>`${assets.metadata}->>'posterUrl'`;
  const cover = db()
    .select({
      type: assets.type,
      url: assets.url,
      resolution: assets.resolution,
      poster: poster.as("poster"),
    })
    .from(assets)
    .where(
      and(
        eq(assets.sessionId, sessions.id),
        isNull(assets.deletedAt),
        inArray(assets.type, ["image", "final_video"]),
        inArray(assets.status, ["completed", "approved"]),
      ),
    )
    .orderBy(
      sql`(${assets.type} = 'final_video' and ${poster} is not null) desc`,
      sql`${assets.type} = 'image' desc`,
      sql`${assets.selectionOrder} asc nulls last`,
      asc(assets.createdAt),
    )
    .limit(1)
    .as("cover");
  const rows = await db()
    .select({
      session: sessions,
      cover: {
        type: cover.type,
        url: cover.url,
        resolution: cover.resolution,
        poster: cover.poster,
      },
    })
    .from(sessions)
    .leftJoinLateral(cover, sql`true`)
    .where(ownSessionsWhere(opts))
    .orderBy(desc(sessions.createdAt), desc(sessions.id))
    .limit(opts.limit);
  return rows.map((r) => ({ session: r.session, cover: r.cover?.type ? r.cover : null }));
}
