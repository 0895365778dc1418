import { idParams } from "@/lib/api/params";
import { apiRoute } from "@/lib/api/route";
import { getBatchDetail } from "@/lib/batches/view";

export const GET = apiRoute(
  async ({ user, params }) =>
    Response.json(await getBatchDetail({ userId: user.id, id: params.id })),
  { params: idParams },
);
