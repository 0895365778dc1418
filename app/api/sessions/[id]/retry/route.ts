import { withIdempotency } from "@/lib/api/idempotency";
import { idParams } from "@/lib/api/params";
import { apiRoute, parseJsonText } from "@/lib/api/route";
import { retryBody, retrySession } from "@/lib/sessions/retry-session";

export const POST = apiRoute(
  async ({ req, user, params }) =>
    withIdempotency(req, user.id, async (text) => {
      const body = parseJsonText(text, retryBody);
      return Response.json(
        { session: await retrySession({ userId: user.id, id: params.id, ...body }) },
        { status: 202 },
      );
    }),
  { params: idParams },
);
