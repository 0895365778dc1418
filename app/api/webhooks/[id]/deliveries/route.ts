import { idParams } from "@/lib/api/params";
import { apiRoute } from "@/lib/api/route";
import { webhookDeliveries } from "@/lib/webhooks/outgoing/manage";

/** The webhook's last 100 deliveries, newest first. */
export const GET = apiRoute(
  async ({ user, params }) =>
    Response.json(await webhookDeliveries({ userId: user.id, id: params.id })),
  { params: idParams },
);
