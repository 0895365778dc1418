// Replicate's webhook: public (no user), authenticated by its signature instead — and so
// exempt from the same-origin check of browser-facing routes.
import { serveRequest } from "@/lib/api/route";
import { handleReplicateWebhook } from "@/lib/webhooks/replicate";

export const POST = (req: Request): Promise<Response> =>
  serveRequest(req, async () => {
    const { status, outcome } = await handleReplicateWebhook(req);
    return Response.json(
      status === 200
        ? { ok: true, outcome }
        : {
            error: {
              code: status === 401 ? "unauthorized" : "invalid_input",
              message: status === 401 ? "Bad webhook signature." : outcome,
            },
          },
      { status },
    );
  });
