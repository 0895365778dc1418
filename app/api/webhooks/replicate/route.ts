// Replicate's webhook: public (no user), authenticated by its signature instead.
import { handleReplicateWebhook } from "@/lib/webhooks/replicate";

export async function POST(req: Request): Promise<Response> {
  const { status, outcome } = await handleReplicateWebhook(req);
  return Response.json(status === 200 ? { ok: true, outcome } : { error: { code: status === 401 ? "unauthorized" : "invalid_input", message: status === 401 ? "Bad webhook signature." : outcome } }, { status });
}
