import { idParams } from "@/lib/api/params";
import { apiRoute, jsonBody } from "@/lib/api/route";
import { deleteSession } from "@/lib/sessions/delete-session";
import { getSession } from "@/lib/sessions/get-session";
import { updateBudget, updateSessionBody } from "@/lib/sessions/update-budget";

export const GET = apiRoute(
  async ({ user, params }) => Response.json(await getSession({ userId: user.id, id: params.id })),
  {
    params: idParams,
  },
);

/** Changes the session's budget: `{budgetUsd}` → 200 {session}. */
export const PATCH = apiRoute(
  async ({ req, user, params }) => {
    const body = await jsonBody(req, updateSessionBody);
    return Response.json({
      session: await updateBudget({ userId: user.id, id: params.id, ...body }),
    });
  },
  { params: idParams },
);

export const DELETE = apiRoute(
  async ({ user, params }) => {
    await deleteSession({ userId: user.id, id: params.id });
    return new Response(null, { status: 204 });
  },
  { params: idParams },
);
