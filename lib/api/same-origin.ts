// Cross-site request refusal for the JSON API. Browsers attach the session cookie to a
// form post or fetch from any site (SameSite=Lax still lets top-level POST navigations from
// a same-site subdomain through, and older browsers ignore it), and Next checks the origin
// of server actions only, not of route handlers. So every state-changing API request must
// come from our own origin; scripts and curl send no Origin and no Sec-Fetch-Site, and
// are let through (they hold their own cookie, there is nothing to forge).
import { env } from "../env";
import { AppError } from "../errors";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS"]);

/** The host:port the client addressed: X-Forwarded-Host behind a trusted proxy, else Host. */
function requestHost(req: Request): string | undefined {
  const forwarded = env.TRUST_PROXY
    ? req.headers.get("x-forwarded-host")?.split(",")[0]?.trim()
    : undefined;
  return (forwarded || req.headers.get("host") || new URL(req.url).host).toLowerCase();
}

function publicOrigin(): string | undefined {
  return env.PUBLIC_URL ? new URL(env.PUBLIC_URL).origin : undefined;
}

/** True when a browser sent this request from a page of another origin. */
export function isCrossSiteRequest(req: Request): boolean {
  const origin = req.headers.get("origin");
  const site = req.headers.get("sec-fetch-site")?.toLowerCase();
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
  return parsed.host.toLowerCase() !== requestHost(req);
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
