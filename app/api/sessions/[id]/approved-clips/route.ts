import { idParams } from "@/lib/api/params";
import { apiRoute, jsonBody } from "@/lib/api/route";
import { approveClips, approveClipsBody } from "@/lib/sessions/approve-clips";

export const PUT = apiRoute(
  async ({ req, user, params }) => {
    const { assetIds } = await jsonBody(req, approveClipsBody);
    return Response.json({
      session: await approveClips({ userId: user.id, id: params.id, assetIds }),
    });
  },
  { params: idParams },
);
