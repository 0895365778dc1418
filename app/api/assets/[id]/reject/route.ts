import { idParams } from "@/lib/api/params";
import { apiRoute } from "@/lib/api/route";
import { rejectAsset, restoreAsset } from "@/lib/sessions/reject-asset";

/** Sets the image or clip aside: 200 {asset, session}. */
export const POST = apiRoute(
  async ({ user, params }) =>
    Response.json(await rejectAsset({ userId: user.id, assetId: params.id })),
  { params: idParams },
);

/** Brings it back: 200 {asset, session}. */
export const DELETE = apiRoute(
  async ({ user, params }) =>
    Response.json(await restoreAsset({ userId: user.id, assetId: params.id })),
  { params: idParams },
);
