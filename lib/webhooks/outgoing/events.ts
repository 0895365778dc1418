// What a session's moves tell the account's webhooks. Called by moveSession inside the same
// transaction as the move, so an event is recorded exactly when the move commits (the outbox:
// one delivery row per subscribed endpoint, sent by the deliver-webhook job).
import {
  insertDeliveries,
  listFinishedFinalVideos,
  listSubscribedEndpoints,
  notifyDeliveries,
} from "../../db/queries/outgoing-webhooks";
import type { DbOrTx } from "../../db/queries/tx";
import type { Session, WebhookEventType } from "../../db/schema";
import { assetView, sessionView } from "../../sessions/session-view";

const STAGE_DONE: Partial<Record<Session["status"], string>> = {
  reviewing_images: "images",
  reviewing_videos: "clips",
  completed: "compose",
};

/** Whether a move to this status is an event a webhook may subscribe to. */
export const tellsWebhooks = (status: Session["status"]) => eventsOf(status).length > 0;

function eventsOf(status: Session["status"]): WebhookEventType[] {
  const events: WebhookEventType[] = [];
  if (STAGE_DONE[status]) events.push("stage.completed");
  if (status === "completed") events.push("session.completed");
  if (status === "failed") events.push("session.failed");
  return events;
}

/** Records the deliveries for `session`'s new status; returns their ids (sent after commit). */
export async function recordSessionEvents(o: { tx: DbOrTx; session: Session }): Promise<string[]> {
  const { tx, session } = o;
  const ids: string[] = [];
  for (const event of eventsOf(session.status)) {
    const endpoints = await listSubscribedEndpoints({ tx, userId: session.userId, event });
    if (!endpoints.length) continue;
    const finalVideos =
      event === "session.completed"
        ? (await listFinishedFinalVideos({ tx, sessionId: session.id })).map(assetView)
        : undefined;
    const stage = event === "stage.completed" ? STAGE_DONE[session.status] : undefined;
    const at = (session.updatedAt ?? new Date()).toISOString();
    ids.push(
      ...(await insertDeliveries({
        tx,
        webhookIds: endpoints.map((e) => e.id),
        eventId: `${event}:${session.id}:${stage ?? ""}:${at}`,
        event,
        payload: {
          type: event,
          timestamp: at,
          data: {
            session: sessionView(session),
            ...(stage ? { stage } : {}),
            ...(finalVideos ? { finalVideos } : {}),
          },
        },
      })),
    );
  }
  if (ids.length) await notifyDeliveries({ tx });
  return ids;
}
