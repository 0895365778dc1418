// Failed-login throttling that slows a guesser without locking the owner out (the counters
// live in the database, lib/db/queries/login-throttle.ts, so every web process shares them).
//
// - (email, address) pair: 5 failures, then a lock of 30 s that doubles with each further
//   failure, up to LOGIN_LOCKOUT_SECONDS. This is what stops guessing one account.
// - address: 20 failures in 15 minutes (any emails), then 60 s doubling: slows spraying.
// - email, from everywhere: a ceiling far above the pair's (100 an hour) against guessing
//   from many addresses.
// An address the email signed in from within 30 days is exempt from the last two: an
// attacker elsewhere, or a neighbour behind the same proxy, cannot lock the owner out.

import { textProblem } from "../api/text";
import {
  clearLoginFailures,
  countAttempt,
  getLockedSeconds,
  hasRecentLoginSuccess,
  recordLoginSuccess,
  type ThrottleRule,
} from "../db/queries/login-throttle";
import { env } from "../env";

type Attempt = { email: string; ip?: string };

const HOUR = 3600;
const KNOWN_ADDRESS_SECONDS = 30 * 24 * HOUR;

function keysOf({ email, ip }: Attempt) {
  const e = email.trim().toLowerCase();
  const at = ip ?? "-";
  return {
    pair: `pair:${e}|${at}`,
    ip: ip ? `ip:${ip}` : undefined,
    email: `email:${e}`,
    known: `known:${e}|${at}`,
  };
}

function rulesOf(attempt: Attempt): ThrottleRule[] {
  const k = keysOf(attempt);
  const cap = env.LOGIN_LOCKOUT_SECONDS;
  const rules: ThrottleRule[] = [
    {
      key: k.pair,
      max: env.LOGIN_MAX_FAILURES_PER_PAIR,
      lockSeconds: 30,
      maxLockSeconds: cap,
      windowSeconds: HOUR,
    },
    {
      key: k.email,
      max: env.LOGIN_MAX_FAILURES_PER_EMAIL,
      lockSeconds: 60,
      maxLockSeconds: cap,
      windowSeconds: HOUR,
    },
  ];
  if (k.ip)
    rules.push({
      key: k.ip,
      max: env.LOGIN_MAX_FAILURES_PER_IP,
      lockSeconds: 60,
      maxLockSeconds: cap,
      windowSeconds: 15 * 60,
    });
  return rules;
}

/** Seconds until a login for this email from this address is allowed again; 0 when allowed now. */
export async function loginRetryAfter(attempt: Attempt): Promise<number> {
  // An email no account can have (a NUL, a control character) is refused as a wrong login
  // before it is counted, so it has nothing to look up (and PostgreSQL cannot store a NUL).
  if (textProblem(attempt.email, { multiline: false })) return 0;
  const k = keysOf(attempt);
  const known = await hasRecentLoginSuccess({ key: k.known, maxAgeSeconds: KNOWN_ADDRESS_SECONDS });
  const keys = known ? [k.pair] : [k.pair, k.email, ...(k.ip ? [k.ip] : [])];
  return getLockedSeconds({ keys });
}

export async function recordFailedLogin(attempt: Attempt): Promise<void> {
  for (const rule of rulesOf(attempt)) await countAttempt(rule);
}

/** The pair's failures are forgotten and the address becomes known for this email. */
export async function recordSuccessfulLogin(attempt: Attempt): Promise<void> {
  const k = keysOf(attempt);
  await clearLoginFailures({ keys: [k.pair] });
  await recordLoginSuccess({ key: k.known });
}

export function retryAfterMessage(seconds: number): string {
  if (seconds < 60) {
    const s = Math.max(1, Math.ceil(seconds));
    return `Too many failed sign-in attempts. Try again in ${s} second${s === 1 ? "" : "s"}.`;
  }
  const minutes = Math.ceil(seconds / 60);
  return `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}
