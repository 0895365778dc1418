import { and, desc, eq, isNull, lt, or, type SQL } from "drizzle-orm";
import { db } from "../client";
import { type Session, sessions } from "../schema";
import type { Tx } from "./tx";

type Status = Session["status"];

/** A user's own, not deleted session; undefined for anything else (answer 404). */
export async function getOwnSession({
  id,
  userId,
}: {
  id: string;
  userId: number;
}): Promise<Session | undefined> {
  const [row] = await db()
    .select()
    .from(sessions)
    .where(and(eq(sessions.id, id), eq(sessions.userId, userId), isNull(sessions.deletedAt)));
  return row;
}

/** getOwnSession inside a transaction, holding the row lock until it commits. */
export async function lockOwnSession(
  tx: Tx,
  { id, userId }: { id: string; userId: number },
): Promise<Session | undefined> {
  const [row] = await tx
    .select()
    .from(sessions)
    .where(and(eq(sessions.id, id), eq(sessions.userId, userId), isNull(sessions.deletedAt)))
    .for("update");
  return row;
}

export async function listOwnSessions(opts: {
  userId: number;
  status?: Status;
  limit: number;
  after?: { createdAt: Date; id: string };
}): Promise<Session[]> {
  const where: SQL[] = [eq(sessions.userId, opts.userId), isNull(sessions.deletedAt)];
  if (opts.status) where.push(eq(sessions.status, opts.status));
  if (opts.after) {
    const { createdAt, id } = opts.after;
    where.push(
      or(
        lt(sessions.createdAt, createdAt),
        and(eq(sessions.createdAt, createdAt), lt(sessions.id, id)),
      )!,
    );
  }
  return db()
    .select()
    .from(sessions)
    .where(and(...where))
    .orderBy(desc(sessions.createdAt), desc(sessions.id))
    .limit(opts.limit);
}
