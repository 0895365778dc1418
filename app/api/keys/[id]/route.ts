import { idParams } from "@/lib/api/params";
import { apiRoute } from "@/lib/api/route";
import { keyManagementRefused, revokeApiKey } from "@/lib/auth/api-keys";

/** 204: the token stops working with the next call. Signed-in sessions only. */
export const DELETE = apiRoute(
  async ({ user, params, apiKeyId }) => {
    if (apiKeyId) throw keyManagementRefused();
    await revokeApiKey({ userId: user.id, id: params.id });
    return new Response(null, { status: 204 });
  },
  { params: idParams },
);
