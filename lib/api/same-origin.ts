// Cross-site request refusal for the JSON API. Browsers attach the session cookie to a
// form post or fetch from any site (SameSite=Lax still lets top-level POST navigations from
// a same-site subdomain through, and older browsers ignore it), and Next checks the origin
// of server actions only, not of route handlers. So every state-changing API request must
// come from our own origin; scripts and curl send no Origin and no Sec-Fetch-Site, and
// are let through (they hold their own cookie, there is nothing to forge).
import { env } from "../env";
import { AppError } from "../errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/**
 * The origin the client addressed: scheme and host:port. Behind a trusted proxy its
 * X-Forwarded-Proto/-Host, else this server's own scheme and the Host header.
 */
function requestOrigin(headers: Headers, url: URL): string {
  const forwarded = (name: string) =>
    env.TRUST_PROXY ? headers.get(name)?.split(",")[0]?.trim() : undefined;
  const host = forwarded("x-forwarded-host") || headers.get("host") || url.host;
  const scheme = forwarded("x-forwarded-proto")?.replace(/:$/, "") || url.protocol.slice(0, -1);
  return `${scheme}://${host}`.toLowerCase();
}

function publicOrigin(): string | undefined {
  return env.PUBLIC_URL ? new URL(env.PUBLIC_URL).origin : undefined;
}

/**
 * True when a browser sent this from a page of another origin (scheme, host and port all
 * count: an http page may not act on the https app). Also used for Socket.IO handshakes.
 */
export function isCrossSite(headers: Headers, url: URL): boolean {
  const origin = headers.get("origin");
  const site = headers.get("sec-fetch-site")?.toLowerCase();
  if (origin === null) {
    // Browsers always send Origin on non-GET requests; a fetch-metadata header without it
    // still says where the request came from.
    return site === "cross-site" || site === "same-site";
  }
  if (origin === "null") return true; // sandboxed frames, data: URLs, some redirects
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return true;
  }
  if (parsed.origin === publicOrigin()) return false;
  return parsed.origin.toLowerCase() !== requestOrigin(headers, url);
}

export function isCrossSiteRequest(req: Request): boolean {
  return isCrossSite(req.headers, new URL(req.url));
}

/** Throws 403 for a cross-site state-changing request; safe methods always pass. */
export function assertSameOrigin(req: Request): void {
  if (SAFE_METHODS.has(req.method.toUpperCase())) return;
  if (isCrossSiteRequest(req)) {
    throw new AppError(
      "forbidden",
      "This request came from another website, so it was refused. Open Adsmith directly and try again.",
    );
  }
}
