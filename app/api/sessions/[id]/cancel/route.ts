import { idParams } from "@/lib/api/params";
import { apiRoute } from "@/lib/api/route";
import { cancelSession } from "@/lib/sessions/cancel-session";

export const POST = apiRoute(
  async ({ user, params }) =>
    Response.json({ session: await cancelSession({ userId: user.id, id: params.id }) }),
  { params: idParams },
);
