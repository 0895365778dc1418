import { idParams } from "@/lib/api/params";
import { apiRoute } from "@/lib/api/route";
import { createShareLink, revokeShareLink } from "@/lib/sessions/share";

export const POST = apiRoute(
  async ({ req, user, params }) => {
    // The address the user reached us at (PUBLIC_URL wins inside createShareLink).
    const url = new URL(req.url);
    const host = req.headers.get("host");
    const origin = host ? `${url.protocol}//${host}` : url.origin;
    const link = await createShareLink({ userId: user.id, id: params.id, origin });
    return Response.json(link, { status: 201 });
  },
  { params: idParams },
);

export const DELETE = apiRoute(
  async ({ user, params }) => {
    await revokeShareLink({ userId: user.id, id: params.id });
    return new Response(null, { status: 204 });
  },
  { params: idParams },
);
