import { apiRoute, jsonBody } from "@/lib/api/route";
import {
  createApiKey,
  createKeyBody,
  keyManagementRefused,
  listApiKeys,
} from "@/lib/auth/api-keys";

/** The caller's keys: never a token. An API key may list them. */
export const GET = apiRoute(async ({ user }) =>
  Response.json({ keys: await listApiKeys({ userId: user.id }) }),
);

/** 201 {key, token}: the token is in this answer only. Signed-in sessions only. */
export const POST = apiRoute(async ({ req, user, apiKeyId }) => {
  if (apiKeyId) throw keyManagementRefused();
  const { name } = await jsonBody(req, createKeyBody);
  return Response.json(await createApiKey({ userId: user.id, name }), { status: 201 });
});
