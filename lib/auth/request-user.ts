// The signed-in user of an API request, from its session cookie alone: no Next request
// context, so route handlers are plain functions of a Request (and testable as such).
import { getUserById } from "../db/queries/users";
import { AppError } from "../errors";
import { userIdFromCookie } from "./session-cookie";

export type SessionUser = { id: number; email: string; fullName: string | null };

export async function loadSessionUser(id: number | undefined): Promise<SessionUser | undefined> {
  if (!id || !Number.isInteger(id) || id <= 0) return undefined;
  const user = await getUserById({ id });
  return user ? { id: user.id, email: user.email, fullName: user.fullName } : undefined;
}

export async function userFromRequest(req: Request): Promise<SessionUser | undefined> {
  return loadSessionUser(await userIdFromCookie(req.headers.get("cookie")));
}

export async function requireUser(req: Request): Promise<SessionUser> {
  const user = await userFromRequest(req);
  if (!user) throw new AppError("unauthorized", "Sign in to continue.");
  return user;
}
