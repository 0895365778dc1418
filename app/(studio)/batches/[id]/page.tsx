import type { Metadata } from "next";
import Link from "next/link";
import { notFound, redirect } from "next/navigation";
import { BatchRows } from "@/components/batch-rows";
import { currentUser } from "@/lib/auth/current-user";
import { getBatchDetail } from "@/lib/batches/view";
import { AppError } from "@/lib/errors";

export const metadata: Metadata = { title: "Batch" };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

// The same function as GET /api/batches/:id: another user's or a made-up batch is a 404.
export default async function BatchPage({ params }: { params: Promise<{ id: string }> }) {
  const user = await currentUser();
  if (!user) redirect("/login");
  const { id } = await params;
  if (!UUID.test(id)) notFound();
  let detail: Awaited<ReturnType<typeof getBatchDetail>>;
  try {
    detail = await getBatchDetail({ userId: user.id, id });
  } catch (err) {
    if (err instanceof AppError && err.code === "not_found") notFound();
    throw err;
  }
  return (
    <div className="max-w-3xl space-y-6">
      <div>
        <p className="text-sm">
          <Link href="/batches" className="text-brand-700 underline">
            Batches
          </Link>
        </p>
        <h1 className="mt-1 text-2xl font-semibold tracking-tight">
          Batch of {detail.batch.rows} ad{detail.batch.rows === 1 ? "" : "s"}
        </h1>
        <p className="mt-1 text-sm text-slate-600">
          {detail.batch.stopAt === "review"
            ? "Each ad is made up to its image review, then waits for you."
            : "Each ad is made to a finished video with the defaults."}{" "}
          Progress updates by itself.
        </p>
      </div>
      <BatchRows initial={detail} />
    </div>
  );
}
