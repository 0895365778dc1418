import { withIdempotency } from "@/lib/api/idempotency";
import { idParams } from "@/lib/api/params";
import { apiRoute, parseJsonText } from "@/lib/api/route";
import { regenerateAsset, regenerateBody } from "@/lib/sessions/regenerate-asset";

export const POST = apiRoute(
  async ({ req, user, params }) =>
    withIdempotency(req, user.id, async (text) => {
      const body = parseJsonText(text, regenerateBody);
      return Response.json(
        { asset: await regenerateAsset({ userId: user.id, assetId: params.id, ...body }) },
        { status: 202 },
      );
    }),
  { params: idParams },
);
