import { keyParams } from "@/lib/api/params";
import { apiRoute } from "@/lib/api/route";
import { serveMedia } from "@/lib/sessions/serve-media";

export const dynamic = "force-dynamic";

export const GET = apiRoute(
  async ({ req, user, params }) => serveMedia({ userId: user.id, key: params.key.join("/"), req }),
  {
    params: keyParams,
  },
);
export const HEAD = GET;
