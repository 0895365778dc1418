// Socket.IO connections are authenticated by the same Auth.js cookie as pages and API.
import { decode } from "next-auth/jwt";
import { authSecret } from "../auth/secret";

const COOKIE_NAMES = ["__Secure-authjs.session-token", "authjs.session-token"];

function parseCookies(header: string | undefined): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of (header ?? "").split(";")) {
    const i = part.indexOf("=");
    if (i > 0) map.set(part.slice(0, i).trim(), decodeURIComponent(part.slice(i + 1).trim()));
  }
  return map;
}

/** The user id in a valid session cookie, or undefined. */
export async function userIdFromCookie(cookieHeader: string | undefined): Promise<number | undefined> {
  const cookies = parseCookies(cookieHeader);
  for (const name of COOKIE_NAMES) {
    // Large sessions are split into name.0, name.1, … chunks.
    const chunks = [...cookies.keys()].filter((k) => k.startsWith(`${name}.`)).sort();
    const token = cookies.get(name) ?? (chunks.length ? chunks.map((k) => cookies.get(k)).join("") : undefined);
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
