// Outgoing webhooks: an account's endpoints and the delivery outbox (lib/webhooks/outgoing/).
import { and, arrayContains, desc, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { db, sqlClient } from "../client";
import {
  assets,
  type WebhookDelivery,
  type WebhookEndpoint,
  type WebhookEventType,
  webhookDeliveries,
  webhookEndpoints,
} from "../schema";
import type { DbOrTx } from "./tx";

export async function insertWebhookEndpoint(o: {
  userId: number;
  url: string;
  events: WebhookEventType[];
  secret: string;
}): Promise<WebhookEndpoint> {
  const [row] = await db().insert(webhookEndpoints).values(o).returning();
  return row;
}

export function listWebhookEndpoints({ userId }: { userId: number }): Promise<WebhookEndpoint[]> {
  return db()
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.userId, userId), isNull(webhookEndpoints.deletedAt)))
    .orderBy(desc(webhookEndpoints.createdAt));
}

export async function getOwnWebhookEndpoint(o: {
  id: string;
  userId: number;
}): Promise<WebhookEndpoint | undefined> {
  const [row] = await db()
    .select()
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.id, o.id),
        eq(webhookEndpoints.userId, o.userId),
        isNull(webhookEndpoints.deletedAt),
      ),
    );
  return row;
}

/** Stops the endpoint: no new deliveries, and the pending ones are not sent. */
export async function deleteWebhookEndpoint(o: { id: string; userId: number }): Promise<boolean> {
  const rows = await db()
    .update(webhookEndpoints)
    .set({ deletedAt: sql`now()` })
    .where(
      and(
        eq(webhookEndpoints.id, o.id),
        eq(webhookEndpoints.userId, o.userId),
        isNull(webhookEndpoints.deletedAt),
      ),
    )
    .returning({ id: webhookEndpoints.id });
  return rows.length > 0;
}

/** The user's live endpoints subscribed to `event`. */
export function listSubscribedEndpoints(o: {
  tx?: DbOrTx;
  userId: number;
  event: WebhookEventType;
}): Promise<Pick<WebhookEndpoint, "id">[]> {
  return (o.tx ?? db())
    .select({ id: webhookEndpoints.id })
    .from(webhookEndpoints)
    .where(
      and(
        eq(webhookEndpoints.userId, o.userId),
        isNull(webhookEndpoints.deletedAt),
        arrayContains(webhookEndpoints.events, [o.event]),
      ),
    );
}

/** One delivery per endpoint; an event recorded twice (a replayed move) adds nothing. */
export async function insertDeliveries(o: {
  tx?: DbOrTx;
  webhookIds: string[];
  eventId: string;
  event: WebhookEventType;
  payload: unknown;
}): Promise<string[]> {
  if (!o.webhookIds.length) return [];
  const rows = await (o.tx ?? db())
    .insert(webhookDeliveries)
    .values(
      o.webhookIds.map((webhookId) => ({
        webhookId,
        eventId: o.eventId,
        event: o.event,
        payload: o.payload,
      })),
    )
    .onConflictDoNothing()
    .returning({ id: webhookDeliveries.id });
  return rows.map((r) => r.id);
}

export type ClaimedDelivery = WebhookDelivery & { url: string; secret: string };

/**
 * Takes a due delivery for one attempt: pending and due, or left `sending` by a process that
 * stopped (its lock ran out). Only one process holds it at a time; undefined when another
 * does, when it is done, or when its endpoint was deleted.
 */
export async function claimDelivery(o: {
  id: string;
  lockSeconds: number;
}): Promise<ClaimedDelivery | undefined> {
  const rows = await db()
    .update(webhookDeliveries)
    .set({ status: "sending", lockedUntil: sql`now() + make_interval(secs => ${o.lockSeconds})` })
    .where(
      and(
        eq(webhookDeliveries.id, o.id),
        or(
          and(
            eq(webhookDeliveries.status, "pending"),
            sql`${webhookDeliveries.nextAttemptAt} <= now()`,
          ),
          and(
            eq(webhookDeliveries.status, "sending"),
            lt(webhookDeliveries.lockedUntil, sql`now()`),
          ),
        ),
        sql`EXISTS (SELECT 1 FROM webhook_endpoints e WHERE e.id = ${webhookDeliveries.webhookId} AND e.deleted_at IS NULL)`,
      ),
    )
    .returning();
  const row = rows[0];
  if (!row) return undefined;
  const [endpoint] = await db()
    .select({ url: webhookEndpoints.url, secret: webhookEndpoints.secret })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.id, row.webhookId));
  return endpoint && { ...row, ...endpoint };
}

/** One attempt's outcome: delivered, or pending again at `retryInSeconds`, or failed for good. */
export async function recordAttempt(o: {
  id: string;
  responseStatus: number | null;
  error: string | null;
  outcome: "delivered" | "retry" | "failed";
  retryInSeconds?: number;
}): Promise<WebhookDelivery | undefined> {
  const [row] = await db()
    .update(webhookDeliveries)
    .set({
      attempts: sql`${webhookDeliveries.attempts} + 1`,
      responseStatus: o.responseStatus,
      lastError: o.error,
      lockedUntil: null,
      status: o.outcome === "retry" ? "pending" : o.outcome,
      ...(o.outcome === "delivered" ? { deliveredAt: sql`now()` } : {}),
      ...(o.outcome === "retry"
        ? { nextAttemptAt: sql`now() + make_interval(secs => ${o.retryInSeconds ?? 0})` }
        : {}),
    })
    .where(and(eq(webhookDeliveries.id, o.id), eq(webhookDeliveries.status, "sending")))
    .returning();
  return row;
}

/** Deliveries that are due but may have no job: overdue pending ones, and stale `sending` ones. */
export function listDueDeliveries(o: {
  overdueSeconds: number;
  limit: number;
}): Promise<Pick<WebhookDelivery, "id" | "attempts" | "status">[]> {
  return db()
    .select({
      id: webhookDeliveries.id,
      attempts: webhookDeliveries.attempts,
      status: webhookDeliveries.status,
    })
    .from(webhookDeliveries)
    .where(
      or(
        and(
          eq(webhookDeliveries.status, "pending"),
          sql`${webhookDeliveries.nextAttemptAt} <= now() - make_interval(secs => ${o.overdueSeconds})`,
        ),
        and(eq(webhookDeliveries.status, "sending"), lt(webhookDeliveries.lockedUntil, sql`now()`)),
      ),
    )
    .limit(o.limit);
}

export function listDeliveries(o: {
  webhookId: string;
  limit: number;
}): Promise<WebhookDelivery[]> {
  return db()
    .select()
    .from(webhookDeliveries)
    .where(eq(webhookDeliveries.webhookId, o.webhookId))
    .orderBy(desc(webhookDeliveries.createdAt))
    .limit(o.limit);
}

export function getDeliveries({ ids }: { ids: string[] }): Promise<WebhookDelivery[]> {
  return db().select().from(webhookDeliveries).where(inArray(webhookDeliveries.id, ids));
}

/** The session's finished final videos, inside the transaction that completes it. */
export function listFinishedFinalVideos(o: { tx?: DbOrTx; sessionId: string }) {
  return (o.tx ?? db())
    .select()
    .from(assets)
    .where(
      and(
        eq(assets.sessionId, o.sessionId),
        eq(assets.type, "final_video"),
        eq(assets.status, "completed"),
        isNull(assets.deletedAt),
      ),
    )
    .orderBy(assets.createdAt);
}

const CHANNEL = "adsmith_webhooks";

/** Tells the workers that deliveries were recorded; Postgres sends it when `tx` commits. */
export async function notifyDeliveries({ tx }: { tx: DbOrTx }): Promise<void> {
  await tx.execute(sql`SELECT pg_notify(${CHANNEL}, '')`);
}

export function listenForDeliveries(onNotice: () => void) {
  return sqlClient().listen(CHANNEL, () => onNotice());
}
