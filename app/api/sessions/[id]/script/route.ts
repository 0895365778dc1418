import { withIdempotency } from "@/lib/api/idempotency";
import { idParams } from "@/lib/api/params";
import { apiRoute, jsonBody, parseJsonText } from "@/lib/api/route";
import {
  editScript,
  editScriptBody,
  rewriteScript,
  rewriteScriptBody,
} from "@/lib/sessions/script";

export const PUT = apiRoute(
  async ({ req, user, params }) => {
    const input = await jsonBody(req, editScriptBody);
    return Response.json({ session: await editScript({ userId: user.id, id: params.id, input }) });
  },
  { params: idParams },
);

// A priced call: a repeated request with the same Idempotency-Key is answered once.
export const POST = apiRoute(
  async ({ req, user, params }) =>
    withIdempotency(req, user.id, async (text) => {
      const input = parseJsonText(text, rewriteScriptBody);
      const session = await rewriteScript({ userId: user.id, id: params.id, input });
      return Response.json({ session });
    }),
  { params: idParams },
);
