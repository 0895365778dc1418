import { idParams } from "@/lib/api/params";
import { apiRoute } from "@/lib/api/route";
import { getCosts } from "@/lib/sessions/get-costs";

export const GET = apiRoute(
  async ({ user, params }) => Response.json(await getCosts({ userId: user.id, id: params.id })),
  {
    params: idParams,
  },
);
