import { apiRoute } from "@/lib/api/route";
import { fromZod } from "@/lib/errors";
import { listQuery, listSessions } from "@/lib/sessions/list";

export const GET = apiRoute(async ({ req, user }) => {
  const parsed = listQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) throw fromZod(parsed.error);
  return Response.json(await listSessions({ userId: user.id, query: parsed.data }));
});
