import { eq, sql } from "drizzle-orm";
import { db } from "../client";
import { users } from "../schema";

/** Ends every session of the user: cookies issued at an earlier version stop counting. */
export async function bumpSessionVersion({ userId }: { userId: number }): Promise<number> {
  const [row] = await db()
    .update(users)
    .set({ sessionVersion: sql`${users.sessionVersion} + 1`, updatedAt: sql`now()` })
    .where(eq(users.id, userId))
    .returning({ sessionVersion: users.sessionVersion });
  return row?.sessionVersion ?? 0;
}
