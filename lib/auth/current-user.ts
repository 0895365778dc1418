// The signed-in user of a page or server action (Auth.js reads Next's request context).
// API routes use request-user.ts instead, which needs only the request.
import { auth } from "./auth";
import { loadSessionUser, type SessionUser } from "./request-user";

export type { SessionUser } from "./request-user";

/** Re-read from the database, so a deleted account is out at once. */
export async function currentUser(): Promise<SessionUser | undefined> {
  const session = await auth();
  return loadSessionUser(Number(session?.user?.id));
}
