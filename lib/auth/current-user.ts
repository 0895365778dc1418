import { getUserById } from "../db/queries/users";
import { AppError } from "../errors";
import { auth } from "./auth";
import { userIdFromCookie } from "./session-cookie";

export type SessionUser = { id: number; email: string; fullName: string | null };

async function load(id: number | undefined): Promise<SessionUser | undefined> {
  if (!id || !Number.isInteger(id) || id <= 0) return undefined;
  const user = await getUserById({ id });
  return user ? { id: user.id, email: user.email, fullName: user.fullName } : undefined;
}

/** The signed-in user of a page or server action, re-read from the database so deleted accounts are out at once. */
export async function currentUser(): Promise<SessionUser | undefined> {
  const session = await auth();
  return load(Number(session?.user?.id));
}

/** The signed-in user of an API request, from its session cookie (no Next request context needed). */
export async function userFromRequest(req: Request): Promise<SessionUser | undefined> {
  return load(await userIdFromCookie(req.headers.get("cookie")));
}

export async function requireUser(req?: Request): Promise<SessionUser> {
  const user = req ? await userFromRequest(req) : await currentUser();
  if (!user) throw new AppError("unauthorized", "Sign in to continue.");
  return user;
}
