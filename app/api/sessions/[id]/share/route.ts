import { idParams } from "@/lib/api/params";
import { apiRoute } from "@/lib/api/route";
import { appOrigin } from "@/lib/http/app-origin";
import { createShareLink, getShareLink, revokeShareLink } from "@/lib/sessions/share";

// Share URLs are on PUBLIC_URL or the address the connection arrived at, never the Host
// header (lib/http/app-origin.ts).

/** The active link: 200 {url}, or 404 when the ad has none. */
export const GET = apiRoute(
  async ({ req, user, params }) =>
    Response.json(
      await getShareLink({ userId: user.id, id: params.id, origin: appOrigin(req.headers) }),
    ),
  { params: idParams },
);

export const POST = apiRoute(
  async ({ req, user, params }) => {
    const link = await createShareLink({
      userId: user.id,
      id: params.id,
      origin: appOrigin(req.headers),
    });
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
