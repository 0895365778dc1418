import { withIdempotency } from "@/lib/api/idempotency";
import { apiRoute, parseJsonText } from "@/lib/api/route";
import { fromZod } from "@/lib/errors";
import { createSession, createSessionBody } from "@/lib/sessions/create-session";
import { listQuery, listSessions } from "@/lib/sessions/list";

export const GET = apiRoute(async ({ req, user }) => {
  const parsed = listQuery.safeParse(Object.fromEntries(new URL(req.url).searchParams));
  if (!parsed.success) throw fromZod(parsed.error);
  return Response.json(await listSessions({ userId: user.id, query: parsed.data }));
});

export const POST = apiRoute(async ({ req, user }) =>
  withIdempotency(req, user.id, async (text) => {
    const input = parseJsonText(text, createSessionBody);
    return Response.json(
      { session: await createSession({ userId: user.id, input }) },
      { status: 201 },
    );
  }),
);
