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

/** The user id in a valid session cookie, or undefined. */
export async function userIdFromCookie(
  cookieHeader: string | null | undefined,
): Promise<number | undefined> {
  const cookies = parseCookies(cookieHeader);
  for (const name of SESSION_COOKIE_NAMES) {
    // Large sessions are split into name.0, name.1, … chunks.
    const chunks = [...cookies.keys()].filter((k) => k.startsWith(`${name}.`)).sort();
    const token =
      cookies.get(name) ?? (chunks.length ? chunks.map((k) => cookies.get(k)).join("") : undefined);
    if (!token) continue;
    try {
      const payload = await decode({ token, secret: authSecret(), salt: name });
      const id = Number(payload?.sub);
      if (Number.isInteger(id) && id > 0) return id;
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
}): Promise<string> {
  const name = SESSION_COOKIE_NAMES[1];
  const token = await encode({
    token: { sub: String(user.id), email: user.email, name: user.name ?? null },
    secret: authSecret(),
    salt: name,
  });
  return `${name}=${token}`;
}
