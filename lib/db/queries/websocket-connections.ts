import { and, inArray, isNull, lt, sql } from "drizzle-orm";
import { db } from "../client";
import { websocketConnections } from "../schema";

/** Records a join, or reopens the row of a recovered connection. */
export async function openConnectionRow(c: {
  sessionId: string;
  connectionId: string;
  clientIp?: string;
  userAgent?: string;
}): Promise<void> {
  await db()
    .insert(websocketConnections)
    .values(c)
    .onConflictDoUpdate({
      target: websocketConnections.connectionId,
      set: { disconnectedAt: null, lastHeartbeatAt: sql`now()` },
    });
}

/** Closes these open rows now. */
export async function closeConnectionRows({
  connectionIds,
}: {
  connectionIds: string[];
}): Promise<void> {
  if (connectionIds.length === 0) return;
  await db()
    .update(websocketConnections)
    .set({ disconnectedAt: sql`now()` })
    .where(
      and(
        inArray(websocketConnections.connectionId, connectionIds),
        isNull(websocketConnections.disconnectedAt),
      ),
    );
}

/** Refreshes the heartbeat of these open rows; returns how many were open. */
export async function beatConnectionRows({
  connectionIds,
}: {
  connectionIds: string[];
}): Promise<number> {
  if (connectionIds.length === 0) return 0;
  const rows = await db()
    .update(websocketConnections)
    .set({ lastHeartbeatAt: sql`now()` })
    .where(
      and(
        inArray(websocketConnections.connectionId, connectionIds),
        isNull(websocketConnections.disconnectedAt),
      ),
    )
    .returning({ id: websocketConnections.id });
  return rows.length;
}

/** Closes, as of their last heartbeat, open rows whose heartbeat is older than `staleAfterMs`. */
export async function closeStaleConnectionRows({
  staleAfterMs,
}: {
  staleAfterMs: number;
}): Promise<number> {
  const rows = await db()
    .update(websocketConnections)
    .set({ disconnectedAt: sql`${websocketConnections.lastHeartbeatAt}` })
    .where(
      and(
        isNull(websocketConnections.disconnectedAt),
        lt(
          websocketConnections.lastHeartbeatAt,
          sql`now() - make_interval(secs => ${staleAfterMs / 1000})`,
        ),
      ),
    )
    .returning({ id: websocketConnections.id });
  return rows.length;
}
