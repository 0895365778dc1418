import { and, eq, sql } from "drizzle-orm";
import { db } from "../client";
import { idempotencyKeys } from "../schema";

export type IdempotencyRecord = typeof idempotencyKeys.$inferSelect;

/** How long a stored answer is replayed, and after how long an unfinished claim is abandoned. */
export const KEY_LIFETIME = "24 hours";
export const CLAIM_TIMEOUT = "60 seconds";

/**
 * Claims (user, key) for a request with this fingerprint. Returns true when the caller owns
 * the key and must run the request: the key is new, expired, or its earlier claim was
 * abandoned (a crash between claim and answer). Otherwise the existing record stands.
 */
export async function claimIdempotencyKey(input: {
  userId: number;
  key: string;
  requestHash: string;
}): Promise<boolean> {
  const rows = await db()
    .insert(idempotencyKeys)
    .values(input)
    .onConflictDoUpdate({
      target: [idempotencyKeys.userId, idempotencyKeys.key],
      set: {
        requestHash: input.requestHash,
        responseStatus: null,
        responseBody: null,
        createdAt: sql`now()`,
      },
      setWhere: sql`${idempotencyKeys.createdAt} < now() - ${KEY_LIFETIME}::interval
        or (${idempotencyKeys.responseStatus} is null and ${idempotencyKeys.createdAt} < now() - ${CLAIM_TIMEOUT}::interval)`,
    })
    .returning({ key: idempotencyKeys.key });
  return rows.length > 0;
}

export async function getIdempotencyRecord({ userId, key }: { userId: number; key: string }) {
  const [row] = await db()
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
  return row;
}

export async function saveIdempotentResponse(input: {
  userId: number;
  key: string;
  status: number;
  body: unknown;
}) {
  await db()
    .update(idempotencyKeys)
    .set({ responseStatus: input.status, responseBody: input.body })
    .where(and(eq(idempotencyKeys.userId, input.userId), eq(idempotencyKeys.key, input.key)));
}

/** Frees a claimed key whose request changed nothing (it failed), so the client may retry it. */
export async function releaseIdempotencyKey({ userId, key }: { userId: number; key: string }) {
  await db()
    .delete(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)));
}
