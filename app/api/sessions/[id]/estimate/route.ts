import { idParams } from "@/lib/api/params";
import { apiRoute } from "@/lib/api/route";
import { fromZod } from "@/lib/errors";
import { estimateQuery, getEstimate } from "@/lib/sessions/get-estimate";

export const GET = apiRoute(
  async ({ req, user, params }) => {
    const query = estimateQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams));
    if (!query.success) throw fromZod(query.error);
    return Response.json(await getEstimate({ userId: user.id, id: params.id, ...query.data }));
  },
  { params: idParams },
);
