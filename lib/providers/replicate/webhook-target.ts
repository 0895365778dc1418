// With PUBLIC_URL set, asset predictions report back by webhook (polling stays the backstop):
// "start" lets the app show that the model is running, "completed" carries the result.
import { env } from "../../env";

export const WEBHOOK_PATH = "/api/webhooks/replicate";

export function webhookTarget(): { webhook: string; webhook_events_filter: ("start" | "completed")[] } | undefined {
  if (!env.PUBLIC_URL) return undefined;
  return { webhook: `${env.PUBLIC_URL.replace(/\/$/, "")}${WEBHOOK_PATH}`, webhook_events_filter: ["start", "completed"] };
}
