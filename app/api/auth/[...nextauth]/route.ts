// Auth.js's endpoints, behind the same wrapper as the API (request id, security headers,
// JSON errors and log lines): bodies are read up to a small limit before Auth.js sees them,
// and credential posts from scripts get a real 429 with Retry-After while throttled.
import { NextRequest } from "next/server";
import { readBodyText, serveRequest } from "@/lib/api/route";
import { credentialsInput } from "@/lib/auth/accounts";
import { handlers } from "@/lib/auth/auth";
import { clientIp } from "@/lib/auth/client-ip";
import { loginRetryAfter, retryAfterMessage } from "@/lib/auth/throttle";
import { AppError } from "@/lib/errors";

/** A sign-in form, a sign-out or a CSRF token: a few hundred bytes. */
const MAX_AUTH_BODY_BYTES = 16 * 1024;

/** Auth.js's actions; anything else under /api/auth/ is a JSON 404 (Auth.js answers a bare 400). */
const ACTIONS = new Set([
  "providers",
  "session",
  "csrf",
  "signin",
  "signout",
  "callback",
  "verify-request",
  "error",
  "webauthn-options",
]);

function assertAction(req: Request): void {
  const action = new URL(req.url).pathname.split("/")[3] ?? "";
  if (!ACTIONS.has(action))
    throw new AppError("not_found", "There is no sign-in endpoint at this address.");
}

export const GET = (req: NextRequest): Promise<Response> =>
  serveRequest(req, () => {
    assertAction(req);
    return handlers.GET(req);
  });

export const POST = (req: NextRequest): Promise<Response> =>
  serveRequest(req, async () => {
    assertAction(req);
    const body = await readBodyText(req, MAX_AUTH_BODY_BYTES);
    if (new URL(req.url).pathname.endsWith("/callback/credentials"))
      await refuseWhileThrottled(req, body);
    const copy = new NextRequest(req.url, { method: "POST", headers: req.headers, body });
    return handlers.POST(copy);
  });

async function refuseWhileThrottled(req: Request, body: string): Promise<void> {
  const parsed = credentialsInput.safeParse(formFields(req, body));
  if (!parsed.success) return; // refused as a wrong login, without touching the database
  const seconds = await loginRetryAfter({ email: parsed.data.email, ip: clientIp(req.headers) });
  if (seconds > 0)
    throw new AppError(
      "rate_limited",
      retryAfterMessage(seconds),
      { retryAfter: seconds },
      { "Retry-After": String(seconds) },
    );
}

/** The fields the way Auth.js reads them: JSON, else URL-encoded. */
function formFields(req: Request, body: string): Record<string, unknown> {
  if (req.headers.get("content-type")?.includes("application/json")) {
    try {
      return JSON.parse(body) ?? {};
    } catch {
      return {};
    }
  }
  return Object.fromEntries(new URLSearchParams(body));
}
