import { z } from "zod";
import { apiRoute } from "@/lib/api/route";
import { voicePreview } from "@/lib/voices/voice-preview";

export const dynamic = "force-dynamic";

export const GET = apiRoute(async ({ req, params }) => voicePreview({ id: params.id, req }), {
  params: z.object({ id: z.string().min(1).max(100) }),
});
export const HEAD = GET;
