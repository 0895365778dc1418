import { idParams } from "@/lib/api/params";
import { apiRoute, jsonBody } from "@/lib/api/route";
import { prepareBody, prepareFormats } from "@/lib/sessions/prepare-formats";

export const POST = apiRoute(
  async ({ req, user, params }) => {
    const body = await jsonBody(req, prepareBody);
    const prepared = await prepareFormats({ userId: user.id, id: params.id, ...body });
    return Response.json(prepared, { status: 202 });
  },
  { params: idParams },
);
