// The account's outgoing webhooks (lib/webhooks/outgoing/): POST creates one and shows its
// signing secret once; GET lists them (never the secret).
import { apiRoute, jsonBody } from "@/lib/api/route";
import { createWebhook, createWebhookBody, listWebhooks } from "@/lib/webhooks/outgoing/manage";

export const GET = apiRoute(async ({ user }) =>
  Response.json(await listWebhooks({ userId: user.id })),
);

export const POST = apiRoute(async ({ req, user }) => {
  const input = await jsonBody(req, createWebhookBody);
  return Response.json(await createWebhook({ userId: user.id, input }), { status: 201 });
});
