// The counters behind login and sign-up throttling (lib/auth/throttle.ts and
// lib/auth/signup-limit.ts decide the policy): one row
// per key in login_throttle, shared by every web process. A key counts failures inside a
// window; once it reaches its maximum it is locked, each further failure doubling the lock.
import { inArray, sql } from "drizzle-orm";
import { db } from "../client";
import { loginThrottle } from "../schema";

export type ThrottleRule = {
  key: string;
  /** Failures inside the window before the key is locked. */
  max: number;
  /** The first lock; each failure past max doubles it, up to maxLockSeconds. */
  lockSeconds: number;
  maxLockSeconds: number;
  /** Failures older than this are forgotten. */
  windowSeconds: number;
};

/** Seconds until every one of these keys is unlocked; 0 when none is locked. */
export async function getLockedSeconds({ keys }: { keys: string[] }): Promise<number> {
  if (keys.length === 0) return 0;
  const [row] = await db()
    .select({
      seconds: sql<
        number | null
      >`ceil(extract(epoch from max(${loginThrottle.lockedUntil}) - now()))::int`,
    })
    .from(loginThrottle)
    .where(sql`${inArray(loginThrottle.key, keys)} and ${loginThrottle.lockedUntil} > now()`);
  return Math.max(0, row?.seconds ?? 0);
}

/** Counts one attempt (a failed login, a sign-up) against the key; locks it at its maximum. */
export async function countAttempt(rule: ThrottleRule): Promise<void> {
  const { key, max, lockSeconds, maxLockSeconds, windowSeconds } = rule;
  const expired = sql`login_throttle.window_started_at < now() - make_interval(secs => ${windowSeconds})`;
  // failures - max: 0 for the failure that reaches the maximum, then 1, 2, … (capped so the
  // power cannot overflow).
  await db().execute(sql`
    insert into login_throttle (key, failures, window_started_at)
    values (${key}, 1, now())
    on conflict (key) do update set
      failures = case when ${expired} then 1 else login_throttle.failures + 1 end,
      window_started_at = case when ${expired} then now() else login_throttle.window_started_at end,
      locked_until = case when ${expired} then null else login_throttle.locked_until end`);
  await db().execute(sql`
    update login_throttle set locked_until = now() + make_interval(secs =>
      least(${maxLockSeconds}, ${lockSeconds} * power(2, least(20, failures - ${max}))))
    where key = ${key} and failures >= ${max}`);
}

/** Forgets the failures of these keys (a successful login). */
export async function clearLoginFailures({ keys }: { keys: string[] }): Promise<void> {
  if (keys.length > 0) await db().delete(loginThrottle).where(inArray(loginThrottle.key, keys));
}

/** Remembers that this key (an email and address) signed in successfully just now. */
export async function recordLoginSuccess({ key }: { key: string }): Promise<void> {
  await db()
    .insert(loginThrottle)
    .values({ key, failures: 0 })
    .onConflictDoUpdate({
      target: loginThrottle.key,
      set: { windowStartedAt: sql`now()`, failures: 0, lockedUntil: null },
    });
}

/** True when the key signed in successfully within the last maxAgeSeconds. */
export async function hasRecentLoginSuccess({
  key,
  maxAgeSeconds,
}: {
  key: string;
  maxAgeSeconds: number;
}): Promise<boolean> {
  const rows = await db()
    .select({ key: loginThrottle.key })
    .from(loginThrottle)
    .where(
      sql`${loginThrottle.key} = ${key} and ${loginThrottle.windowStartedAt} > now() - make_interval(secs => ${maxAgeSeconds})`,
    );
  return rows.length > 0;
}
