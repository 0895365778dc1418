import { sharedMediaRoute } from "@/lib/sessions/share-route";

export const dynamic = "force-dynamic";

export const GET = sharedMediaRoute("video");
export const HEAD = GET;
