import { idParams } from "@/lib/api/params";
import { apiRoute } from "@/lib/api/route";
import { createShareLink, getShareLink, revokeShareLink } from "@/lib/sessions/share";

/** The address the user reached us at (PUBLIC_URL wins inside lib/sessions/share.ts). */
function originOf(req: Request): string {
  const url = new URL(req.url);
  const host = req.headers.get("host");
  return host ? `${url.protocol}//${host}` : url.origin;
}

/** The active link: 200 {url}, or 404 when the ad has none. */
export const GET = apiRoute(
  async ({ req, user, params }) =>
    Response.json(await getShareLink({ userId: user.id, id: params.id, origin: originOf(req) })),
  {
    params: idParams,
  },
);

export const POST = apiRoute(
  async ({ req, user, params }) => {
    const link = await createShareLink({ userId: user.id, id: params.id, origin: originOf(req) });
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
