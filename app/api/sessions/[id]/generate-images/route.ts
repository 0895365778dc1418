import { withIdempotency } from "@/lib/api/idempotency";
import { idParams } from "@/lib/api/params";
import { apiRoute, parseJsonText } from "@/lib/api/route";
import { generateImages, generateImagesBody } from "@/lib/sessions/generate-images";

export const POST = apiRoute(
  async ({ req, user, params }) =>
    withIdempotency(req, user.id, async (text) => {
      const body = parseJsonText(text, generateImagesBody);
      const session = await generateImages({ userId: user.id, id: params.id, ...body });
      return Response.json({ session }, { status: 202 });
    }),
  { params: idParams },
);
