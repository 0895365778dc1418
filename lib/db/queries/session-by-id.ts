import { eq } from "drizzle-orm";
import { db } from "../client";
import { type Session, sessions } from "../schema";

/** For jobs: the session whatever its owner; undefined when gone or soft-deleted. */
export async function getLiveSession(id: string): Promise<Session | undefined> {
  const [row] = await db().select().from(sessions).where(eq(sessions.id, id));
  return row && !row.deletedAt ? row : undefined;
}
