import { apiRoute } from "@/lib/api/route";
import { fromZod } from "@/lib/errors";
import { listVoices, voicesQuery } from "@/lib/voices/list-voices";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ req }) => {
  const query = voicesQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!query.success) throw fromZod(query.error);
  return Response.json(listVoices(query.data));
});
