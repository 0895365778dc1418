import { z } from "zod";
import { apiRoute, jsonBody } from "@/lib/api/route";
import { singleLine } from "@/lib/api/text";
import { createApiKey, keyManagementRefused, listApiKeys } from "@/lib/auth/api-keys";

const createKeyBody = z.object({
  name: singleLine()
    .transform((s) => s.trim())
    .pipe(
      z
        .string()
        .min(1, "Give the key a name, e.g. where it is used.")
        .max(60, "At most 60 characters."),
    ),
});

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
