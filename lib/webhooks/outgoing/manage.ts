// The account's webhook endpoints, for the API and the Webhooks page: create (the secret is
// shown once), list, delete, and each endpoint's recent deliveries.
import { z } from "zod";
import {
  deleteWebhookEndpoint,
  getOwnWebhookEndpoint,
  insertWebhookEndpoint,
  listDeliveries,
  listWebhookEndpoints,
} from "../../db/queries/outgoing-webhooks";
import { WEBHOOK_EVENTS, type WebhookDelivery, type WebhookEndpoint } from "../../db/schema";
import { AppError, notFound } from "../../errors";
import { newSecret } from "./sign";
import { checkTargetUrl } from "./targets";

/** An account may keep this many endpoints. */
export const MAX_ENDPOINTS = 10;

export const createWebhookBody = z.strictObject({
  url: z
    .string({ error: "The webhook URL must be text." })
    .trim()
    .min(1, "Enter the webhook URL.")
    .max(2000, "The webhook URL can be at most 2,000 characters."),
  events: z
    .array(
      z.enum(WEBHOOK_EVENTS, { error: `Each event is one of: ${WEBHOOK_EVENTS.join(", ")}.` }),
      { error: `events must be a list of: ${WEBHOOK_EVENTS.join(", ")}.` },
    )
    .min(1, "Choose at least one event.")
    .refine((e) => new Set(e).size === e.length, "Each event can be listed once."),
});

export const webhookView = (w: WebhookEndpoint) => ({
  id: w.id,
  url: w.url,
  events: w.events,
  createdAt: w.createdAt,
});

export const deliveryView = (d: WebhookDelivery) => ({
  id: d.id,
  event: d.event,
  status: d.status,
  attempts: d.attempts,
  responseStatus: d.responseStatus,
  lastError: d.lastError,
  createdAt: d.createdAt,
  deliveredAt: d.deliveredAt,
  nextAttemptAt: d.status === "pending" ? d.nextAttemptAt : null,
});

export async function createWebhook(o: {
  userId: number;
  input: z.infer<typeof createWebhookBody>;
}) {
  const url = await checkTargetUrl(o.input.url);
  const existing = await listWebhookEndpoints({ userId: o.userId });
  if (existing.length >= MAX_ENDPOINTS)
    throw new AppError(
      "invalid_state",
      `An account can have ${MAX_ENDPOINTS} webhooks; delete one first.`,
    );
  const secret = newSecret();
  const row = await insertWebhookEndpoint({
    userId: o.userId,
    url,
    events: o.input.events,
    secret,
  });
  return { webhook: webhookView(row), secret };
}

export async function listWebhooks({ userId }: { userId: number }) {
  return { webhooks: (await listWebhookEndpoints({ userId })).map(webhookView) };
}

export async function deleteWebhook(o: { userId: number; id: string }): Promise<void> {
  if (!(await deleteWebhookEndpoint(o))) throw notFound("That webhook");
}

export async function webhookDeliveries(o: { userId: number; id: string }) {
  const endpoint = await getOwnWebhookEndpoint(o);
  if (!endpoint) throw notFound("That webhook");
  return {
    deliveries: (await listDeliveries({ webhookId: endpoint.id, limit: 100 })).map(deliveryView),
  };
}
