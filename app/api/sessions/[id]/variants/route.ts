import { withIdempotency } from "@/lib/api/idempotency";
import { idParams } from "@/lib/api/params";
import { apiRoute, parseJsonText } from "@/lib/api/route";
import { makeVariants, variantsBody } from "@/lib/sessions/variants";

export const POST = apiRoute(
  async ({ req, user, params }) =>
    withIdempotency(req, user.id, async (text) => {
      const input = parseJsonText(text, variantsBody);
      const session = await makeVariants({ userId: user.id, id: params.id, input });
      return Response.json({ session }, { status: 202 });
    }),
  { params: idParams },
);
