import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { cache } from "react";
import { toWire } from "@/components/session-types";
import { Workspace } from "@/components/workspace";
import { currentUser } from "@/lib/auth/current-user";
import { AppError } from "@/lib/errors";
import { getSession } from "@/lib/sessions/get-session";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// The same function as GET /api/sessions/:id: another user's, a deleted or a made-up ad is a
// 404 page here exactly when the API answers 404.
const load = cache(async (id: string) => {
  const user = await currentUser();
  if (!user || !UUID.test(id)) return undefined;
  try {
    return await getSession({ userId: user.id, id });
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") return undefined;
    throw err;
  }
});

export async function generateMetadata({
  params,
}: {
  params: Promise<{ id: string }>;
}): Promise<Metadata> {
  const detail = await load((await params).id);
  const s = detail?.session;
  return { title: s ? s.productName || s.productPrompt || "Ad" : "Not found" };
}

export default async function SessionPage({ params }: { params: Promise<{ id: string }> }) {
  const detail = await load((await params).id);
  if (!detail) notFound();
  return <Workspace initial={toWire(detail)} />;
}
