import { eq } from "drizzle-orm";
import { db } from "../client";
import { webhookEvents } from "../schema";

export type NewWebhookEvent = typeof webhookEvents.$inferInsert;

export async function isWebhookEventSeen({ webhookId }: { webhookId: string }): Promise<boolean> {
  const [seen] = await db()
    .select({ id: webhookEvents.webhookId })
    .from(webhookEvents)
    .where(eq(webhookEvents.webhookId, webhookId));
  return seen !== undefined;
}

/** Records an applied event (a replay of it is then ignored); a second insert is a no-op. */
export async function insertWebhookEvent({ values }: { values: NewWebhookEvent }): Promise<void> {
  await db().insert(webhookEvents).values(values).onConflictDoNothing();
}
