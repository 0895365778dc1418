// API keys (lib/auth/api-keys.ts decides the policy): created, listed and revoked per user,
// and the one statement every bearer call runs — find the key by its hash, count the call in
// the key's rate window and note when it was last used.
import { and, count, desc, eq, isNull, sql } from "drizzle-orm";
import { db } from "../client";
import { type ApiKey, apiKeys } from "../schema";

export async function insertApiKey(values: {
  userId: number;
  name: string;
  prefix: string;
  tokenHash: string;
}): Promise<ApiKey> {
  const [row] = await db().insert(apiKeys).values(values).returning();
  return row;
}

export async function countActiveApiKeys({ userId }: { userId: number }): Promise<number> {
  const [row] = await db()
    .select({ n: count() })
    .from(apiKeys)
    .where(and(eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)));
  return row?.n ?? 0;
}

/** The user's keys that still work, newest first. */
export async function listActiveApiKeys({ userId }: { userId: number }): Promise<ApiKey[]> {
  return db()
    .select()
    .from(apiKeys)
    .where(and(eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

/** Revokes one of the user's keys; false when it is not theirs, unknown or already revoked. */
export async function revokeApiKey({ userId, id }: { userId: number; id: string }) {
  const rows = await db()
    .update(apiKeys)
    .set({ revokedAt: sql`now()` })
    .where(and(eq(apiKeys.id, id), eq(apiKeys.userId, userId), isNull(apiKeys.revokedAt)))
    .returning({ id: apiKeys.id });
  return rows.length > 0;
}

export type ApiKeyCall = {
  keyId: string;
  userId: number;
  email: string;
  fullName: string | null;
  /** Calls in the current window, this one included. */
  requests: number;
  /** Seconds until the current window ends (at least 1). */
  windowEndsInSeconds: number;
};

/**
 * Authenticates and counts one call in a single round trip: a key that is revoked, unknown
 * or whose user is deleted matches no row. The window is fixed (it starts at the first call
 * after the previous one ended), so a caller gets at most twice the limit across a boundary.
 * last_used_at rides on the same write, so recording it costs nothing extra.
 */
export async function recordApiKeyCall({
  tokenHash,
  windowSeconds,
}: {
  tokenHash: string;
  windowSeconds: number;
}): Promise<ApiKeyCall | undefined> {
  const window = sql`make_interval(secs => ${windowSeconds})`;
  const expired = sql`api_keys.rate_window_started_at <= now() - ${window}`;
  const rows = await db().execute<{
    key_id: string;
    user_id: number;
    email: string;
    full_name: string | null;
    requests: number;
    window_ends_in: number;
  }>(sql`
    update api_keys set
      rate_window_requests = case when ${expired} then 1 else api_keys.rate_window_requests + 1 end,
      rate_window_started_at = case when ${expired} then now() else api_keys.rate_window_started_at end,
      last_used_at = now()
    from users
    where api_keys.token_hash = ${tokenHash} and api_keys.revoked_at is null
      and users.id = api_keys.user_id and users.deleted_at is null
    returning api_keys.id as key_id, api_keys.user_id, users.email, users.full_name,
      api_keys.rate_window_requests as requests,
      greatest(1, ceil(extract(epoch from api_keys.rate_window_started_at + ${window} - now())))::int as window_ends_in`);
  const row = rows[0];
  if (!row) return undefined;
  return {
    keyId: row.key_id,
    userId: row.user_id,
    email: row.email,
    fullName: row.full_name,
    requests: row.requests,
    windowEndsInSeconds: row.window_ends_in,
  };
}
