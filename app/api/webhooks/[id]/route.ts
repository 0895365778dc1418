import { idParams } from "@/lib/api/params";
import { apiRoute } from "@/lib/api/route";
import { deleteWebhook } from "@/lib/webhooks/outgoing/manage";

/** Stops the webhook at once: no new deliveries, pending ones are not sent. */
export const DELETE = apiRoute(
  async ({ user, params }) => {
    await deleteWebhook({ userId: user.id, id: params.id });
    return new Response(null, { status: 204 });
  },
  { params: idParams },
);
