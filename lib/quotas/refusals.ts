// The refusals of the per-user quotas: 429 (402 for storage) from the one error vocabulary
// (lib/errors.ts), saying which limit, the numbers, and when it resets or what to do. The
// body carries `limit` (its name), `used`, `allowed`, and `resetsAt` / `retryAfter` when the
// limit frees up by itself.
import { AppError } from "../errors";
import { RECHECK_SECONDS } from "./limits";
import { inWords, storageSize } from "./words";

const waitHeaders = (seconds: number) => ({ "Retry-After": String(Math.max(1, seconds)) });

export function tooManyAdsAtOnce(used: number, allowed: number): AppError {
  return new AppError(
    "rate_limited",
    `You have ${used} ads being made at once, the most your account allows (${allowed}). Wait for one to finish, or cancel one, then try again.`,
    { limit: "ads_at_once", used, allowed, retryAfter: RECHECK_SECONDS },
    waitHeaders(RECHECK_SECONDS),
  );
}

/** A limit per hour: `next` is when the oldest counted request leaves the hour. */
export function tooManyPerHour(
  what: "renders" | "uploads",
  used: number,
  allowed: number,
  next: { leavesAt: Date; secondsLeft: number },
): AppError {
  const text =
    what === "renders"
      ? `You have composed ${used} videos in the last hour, the most your account allows (${allowed} an hour). You can compose again ${inWords(next.secondsLeft)}.`
      : `You have uploaded ${used} files (product photos and logos) in the last hour, the most your account allows (${allowed} an hour). You can upload again ${inWords(next.secondsLeft)}.`;
  return new AppError(
    "rate_limited",
    text,
    {
      limit: `${what}_per_hour`,
      used,
      allowed,
      resetsAt: next.leavesAt.toISOString(),
      retryAfter: next.secondsLeft,
    },
    waitHeaders(next.secondsLeft),
  );
}

/** Per ad, so it never resets by itself: no Retry-After, the way forward is a new ad. */
export function tooManyRegenerations(used: number, allowed: number): AppError {
  return new AppError(
    "rate_limited",
    `This ad has had ${used} images and clips made again, the most one ad allows (${allowed}). Choose among the takes you have, or start a new ad to try more.`,
    { limit: "regenerations_per_ad", used, allowed },
  );
}

/** `adding`: the size of the file the request brings (an upload), 0 for work not yet done. */
export function storageFull(used: number, allowed: number, adding = 0): AppError {
  const text =
    adding > 0
      ? `This photo (${storageSize(adding)}) would take your ads to ${storageSize(used + adding)} of storage, over your account's ${storageSize(allowed)}. Delete ads you no longer need to free space, then try again.`
      : `Your ads use ${storageSize(used)} of storage, your account's limit is ${storageSize(allowed)}. Delete ads you no longer need to free space, then try again.`;
  return new AppError("storage_full", text, { limit: "storage", used, allowed });
}
