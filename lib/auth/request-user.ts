// The signed-in user of an API request, from its session cookie alone: no Next request
// context, so route handlers are plain functions of a Request (and testable as such). Pages
// (current-user.ts) and Socket.IO use the same check.
import { getUserById } from "../db/queries/users";
import { AppError } from "../errors";
import { type SessionClaims, sessionFromCookie } from "./session-cookie";

export type SessionUser = { id: number; email: string; fullName: string | null };

/**
 * Re-read from the database on every request: a deleted account is out at once, and so is
 * a cookie issued before the user signed out (its session version is behind the user's).
 */
export async function loadSessionUser(
  claims: SessionClaims | undefined,
): Promise<SessionUser | undefined> {
  if (!claims) return undefined;
  const user = await getUserById({ id: claims.userId });
  if (!user || user.sessionVersion !== claims.sessionVersion) return undefined;
  return { id: user.id, email: user.email, fullName: user.fullName };
}

export async function userFromCookieHeader(
  header: string | null | undefined,
): Promise<SessionUser | undefined> {
  return loadSessionUser(await sessionFromCookie(header));
}

export async function userFromRequest(req: Request): Promise<SessionUser | undefined> {
  return userFromCookieHeader(req.headers.get("cookie"));
}

export async function requireUser(req: Request): Promise<SessionUser> {
  const user = await userFromRequest(req);
  if (!user) throw new AppError("unauthorized", "Sign in to continue.");
  return user;
}
