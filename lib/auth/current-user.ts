// The signed-in user of a page or server action, read from the request's cookies the same
// way as the API and Socket.IO (request-user.ts), so a signed-out cookie is out everywhere.
import { headers } from "next/headers";
import { type SessionUser, userFromCookieHeader } from "./request-user";

export type { SessionUser } from "./request-user";

export async function currentUser(): Promise<SessionUser | undefined> {
  return userFromCookieHeader((await headers()).get("cookie"));
}
