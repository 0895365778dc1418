import { sharedMediaRoute } from "@/lib/sessions/share-route";

export const dynamic = "force-dynamic";

export const GET = sharedMediaRoute("poster");
export const HEAD = GET;
