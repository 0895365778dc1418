import { handlers } from "@/lib/auth/auth";
import { clientIp } from "@/lib/auth/client-ip";
import { loginRetryAfter, retryAfterMessage } from "@/lib/auth/throttle";
import { AppError, toResponse } from "@/lib/errors";

export const GET = handlers.GET;

/** Credential posts from scripts get a real 429 with Retry-After while locked out. */
export async function POST(req: Request): Promise<Response> {
  if (new URL(req.url).pathname.endsWith("/callback/credentials")) {
    const form = await req
      .clone()
      .formData()
      .catch(() => undefined);
    const email = String(form?.get("email") ?? "");
    const seconds = email ? await loginRetryAfter({ email, ip: clientIp(req.headers) }) : 0;
    if (seconds > 0) {
      return toResponse(
        new AppError(
          "rate_limited",
          retryAfterMessage(seconds),
          { retryAfter: seconds },
          { "Retry-After": String(seconds) },
        ),
      );
    }
  }
  return handlers.POST(req as Parameters<typeof handlers.POST>[0]);
}
