import { idParams } from "@/lib/api/params";
import { apiRoute, jsonBody } from "@/lib/api/route";
import { approveImages, approveImagesBody } from "@/lib/sessions/approve-images";

export const PUT = apiRoute(
  async ({ req, user, params }) => {
    const { assetIds } = await jsonBody(req, approveImagesBody);
    return Response.json({
      session: await approveImages({ userId: user.id, id: params.id, assetIds }),
    });
  },
  { params: idParams },
);
