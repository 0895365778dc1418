// Sign-ups per client address per hour (SIGNUPS_PER_IP_PER_HOUR). Each one costs a bcrypt
// hash, and the API answers 409 for a taken email (api.md), so this limit is also what
// bounds how fast anyone can test which emails have accounts. Every attempt that passes
// validation counts, taken email or not.
import { countAttempt, getLockedSeconds } from "../db/queries/login-throttle";
import { env } from "../env";
import { AppError } from "../errors";

const HOUR = 3600;

export async function takeSignupSlot({ ip }: { ip?: string }): Promise<void> {
  if (!ip) return; // not from a request (tests, scripts): nothing to count
  const key = `signup:${ip}`;
  const wait = await getLockedSeconds({ keys: [key] });
  if (wait > 0) {
    const minutes = Math.ceil(wait / 60);
    throw new AppError(
      "rate_limited",
      `Too many accounts were created from your network in the last hour. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
      { retryAfter: wait, limit: "signups_per_ip_per_hour" },
      { "Retry-After": String(wait) },
    );
  }
  await countAttempt({
    key,
    max: env.SIGNUPS_PER_IP_PER_HOUR,
    lockSeconds: HOUR,
    maxLockSeconds: HOUR,
    windowSeconds: HOUR,
  });
}
