// `Authorization: Bearer <token>` on the JSON API: the key's user, with no cookie and no
// same-origin check (a browser cannot attach this header to a cross-site request without a
// CORS preflight the app never grants, so there is nothing to forge). Every call reads the
// database — no cache — so a revoked key stops at once. Each key may make
// API_KEY_RATE_LIMIT_PER_MINUTE calls a minute, counted in the database across processes.
import { recordApiKeyCall } from "../db/queries/api-keys";
import { env } from "../env";
import { AppError } from "../errors";
import { hashToken, isTokenShaped } from "./api-keys-token";
import type { SessionUser } from "./request-user";

const WINDOW_SECONDS = 60;

/**
 * The token of a Bearer Authorization header ("" when the scheme is Bearer but nothing
 * usable follows); undefined for no header or another scheme (e.g. Basic auth added by a
 * proxy in front of the studio), which leaves the request to the session cookie.
 */
export function bearerToken(header: string | null): string | undefined {
  if (header === null) return undefined;
  const m = /^\s*bearer(?:\s+(.*))?$/i.exec(header);
  return m ? (m[1] ?? "").trim() : undefined;
}

const invalidKey = () =>
  new AppError(
    "unauthorized",
    "This API key is not valid: it is mistyped or was revoked. Create a new one on the API keys page.",
    {},
    { "WWW-Authenticate": 'Bearer realm="adsmith", error="invalid_token"' },
  );

/** The key's user; 401 for a malformed, unknown or revoked token, 429 past the rate limit. */
export async function requireApiKeyUser(
  token: string,
): Promise<{ user: SessionUser; apiKeyId: string }> {
  if (!isTokenShaped(token)) throw invalidKey();
  const call = await recordApiKeyCall({
    tokenHash: hashToken(token),
    windowSeconds: WINDOW_SECONDS,
  });
  if (!call) throw invalidKey();
  const limit = env.API_KEY_RATE_LIMIT_PER_MINUTE;
  if (call.requests > limit) {
    const wait = call.windowEndsInSeconds;
    throw new AppError(
      "rate_limited",
      `This API key made more than ${limit} requests in a minute. Try again in ${wait} second${wait === 1 ? "" : "s"}.`,
      { retryAfter: wait, limit: "api_key_requests_per_minute" },
      { "Retry-After": String(wait) },
    );
  }
  return {
    user: { id: call.userId, email: call.email, fullName: call.fullName },
    apiKeyId: call.keyId,
  };
}
