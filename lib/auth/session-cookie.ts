// Reads the Auth.js session cookie straight from a request's Cookie header. API routes and
// Socket.IO both use it, so neither depends on Next's request context (and route handlers
// can be called as plain functions in tests).
import { decode, encode } from "next-auth/jwt";
import { authSecret } from "./secret";

export const SESSION_COOKIE_NAMES = [
  "__Secure-authjs.session-token",
  "authjs.session-token",
] as const;

function parseCookies(header: string | null | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i <= 0) continue;
    try {
      map.set(part.slice(0, i).trim(), decodeURIComponent(part.slice(i + 1).trim()));
    } catch {
      // a malformed cookie value is ignored, not fatal
    }
  }
  return map;
}

/** What a session cookie says: whose it is, and the session version it was issued at. */
export type SessionClaims = { userId: number; sessionVersion: number };

/** The claims of a valid session cookie, or undefined (the database decides if it still counts). */
export async function sessionFromCookie(
  cookieHeader: string | null | undefined,
): Promise<SessionClaims | undefined> {
  const cookies = parseCookies(cookieHeader);
  for (const name of SESSION_COOKIE_NAMES) {
    // Large sessions are split into name.0, name.1, … chunks.
    const chunks = [...cookies.keys()].filter((k) => k.startsWith(`${name}.`)).sort();
    const token =
      cookies.get(name) ?? (chunks.length ? chunks.map((k) => cookies.get(k)).join("") : undefined);
    if (!token) continue;
    try {
      const payload = await decode({ token, secret: authSecret(), salt: name });
      const userId = Number(payload?.sub);
      // Cookies issued before versions existed carry none: version 0, every user's first.
      const sessionVersion = Number(payload?.sv ?? 0);
      if (Number.isInteger(userId) && userId > 0 && Number.isInteger(sessionVersion))
        return { userId, sessionVersion };
    } catch {
      // an old or forged cookie: treat as signed out
    }
  }
  return undefined;
}

/** A Cookie header for this user, as Auth.js would set it over plain HTTP (tests, scripts). */
export async function sessionCookieFor(user: {
  id: number;
  email: string;
  name?: string | null;
  sessionVersion?: number;
}): Promise<string> {
  const name = SESSION_COOKIE_NAMES[1];
  const token = await encode({
    token: {
      sub: String(user.id),
      email: user.email,
      name: user.name ?? null,
      sv: user.sessionVersion ?? 0,
    },
    secret: authSecret(),
    salt: name,
  });
  return `${name}=${token}`;
}
