import { apiRoute } from "@/lib/api/route";
import { getUsage } from "@/lib/quotas/usage";

/** The signed-in user's own usage against each quota; nobody else's can be asked for. */
export const GET = apiRoute(async ({ user }) =>
  Response.json({ usage: await getUsage({ userId: user.id }) }),
);
