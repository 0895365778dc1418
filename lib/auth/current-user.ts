import { getUserById } from "../db/queries/users";
import { AppError } from "../errors";
import { auth } from "./auth";

export type SessionUser = { id: number; email: string; fullName: string | null };

/** The signed-in user, re-read from the database so deleted accounts are out at once. */
export async function currentUser(): Promise<SessionUser | undefined> {
  const session = await auth();
  const id = Number(session?.user?.id);
  if (!Number.isInteger(id) || id <= 0) return undefined;
  const user = await getUserById({ id });
  return user ? { id: user.id, email: user.email, fullName: user.fullName } : undefined;
}

export async function requireUser(): Promise<SessionUser> {
  const user = await currentUser();
  if (!user) throw new AppError("unauthorized", "Sign in to continue.");
  return user;
}
