// Failed-login throttling per email and per client IP, stored in the database so that it
// holds across every web process.
import { sql } from "drizzle-orm";
import { db } from "../db/client";
import { env } from "../env";

type Keys = { email: string; ip?: string };

function keysOf({ email, ip }: Keys): { key: string; max: number }[] {
  const keys = [
    { key: `email:${email.trim().toLowerCase()}`, max: env.LOGIN_MAX_FAILURES_PER_EMAIL },
  ];
  if (ip) keys.push({ key: `ip:${ip}`, max: env.LOGIN_MAX_FAILURES_PER_IP });
  return keys;
}

/** Seconds until a login for this email/IP is allowed again; 0 when allowed now. */
export async function loginRetryAfter(keys: Keys): Promise<number> {
  const names = keysOf(keys).map((k) => k.key);
  const rows = await db().execute<{ seconds: number }>(sql`
    select ceil(extract(epoch from max(locked_until) - now()))::int as seconds
    from login_throttle
    where key in (${sql.join(
      names.map((n) => sql`${n}`),
      sql`, `,
    )}) and locked_until > now()`);
  return Math.max(0, rows[0]?.seconds ?? 0);
}

export async function recordLoginFailure(keys: Keys): Promise<void> {
  const window = env.LOGIN_LOCKOUT_SECONDS;
  for (const { key, max } of keysOf(keys)) {
    await db().execute(sql`
      insert into login_throttle (key, failures, window_started_at)
      values (${key}, 1, now())
      on conflict (key) do update set
        failures = case when login_throttle.window_started_at < now() - make_interval(secs => ${window})
                        then 1 else login_throttle.failures + 1 end,
        window_started_at = case when login_throttle.window_started_at < now() - make_interval(secs => ${window})
                        then now() else login_throttle.window_started_at end`);
    await db().execute(sql`
      update login_throttle set locked_until = now() + make_interval(secs => ${window}), failures = 0, window_started_at = now()
      where key = ${key} and failures >= ${max}`);
  }
}

export async function clearLoginFailures({ email }: { email: string }): Promise<void> {
  await db().execute(
    sql`delete from login_throttle where key = ${`email:${email.trim().toLowerCase()}`}`,
  );
}

export function retryAfterMessage(seconds: number): string {
  const minutes = Math.ceil(seconds / 60);
  return `Too many failed sign-in attempts. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`;
}
