import { and, eq, isNull, sql } from "drizzle-orm";
import { db } from "../client";
import { type ShareLink, shareLinks } from "../schema";
import type { DbOrTx } from "./tx";

/** The session's active (not revoked) link's token, if any. */
export async function getActiveShareToken({
  tx = db(),
  sessionId,
}: {
  tx?: DbOrTx;
  sessionId: string;
}): Promise<string | undefined> {
  const [row] = await tx
    .select({ token: shareLinks.token })
    .from(shareLinks)
    .where(and(eq(shareLinks.sessionId, sessionId), isNull(shareLinks.revokedAt)));
  return row?.token;
}

export async function insertShareLink({
  tx = db(),
  token,
  sessionId,
  createdBy,
}: {
  tx?: DbOrTx;
  token: string;
  sessionId: string;
  createdBy: number;
}): Promise<void> {
  await tx.insert(shareLinks).values({ token, sessionId, createdBy });
}

export async function revokeShareLinks({ sessionId }: { sessionId: string }): Promise<void> {
  await db()
    .update(shareLinks)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(shareLinks.sessionId, sessionId), isNull(shareLinks.revokedAt)));
}

/** An active link by its token; undefined when unknown or revoked. */
export async function getActiveShareLink({
  token,
}: {
  token: string;
}): Promise<ShareLink | undefined> {
  const [row] = await db()
    .select()
    .from(shareLinks)
    .where(and(eq(shareLinks.token, token), isNull(shareLinks.revokedAt)));
  return row;
}
