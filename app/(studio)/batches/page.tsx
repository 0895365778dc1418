import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { BatchUploadForm } from "@/components/batch-upload-form";
import { Badge } from "@/components/ui/badge";
import { Panel } from "@/components/ui/card";
import { currentUser } from "@/lib/auth/current-user";
import { listBatches } from "@/lib/batches/view";
import { env } from "@/lib/env";

export const metadata: Metadata = { title: "Batches" };

export default async function BatchesPage() {
  // Next renders the page beside the layout, so the layout's redirect alone does not stop it.
  const user = await currentUser();
  if (!user) redirect("/login");
  const { batches } = await listBatches({ userId: user.id });
  return (
    <div className="max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Batches</h1>
        <p className="mt-1 text-sm text-slate-600">
          Many ads at once: one row of a CSV file per product. Each becomes an ad made with the
          defaults, under one estimate and one budget, and the finished videos download as one zip.
          For a single ad, start a{" "}
          <Link href="/new" className="font-medium text-brand-700 underline">
            new ad
          </Link>
          .
        </p>
      </div>
      <BatchUploadForm maxRows={env.BATCH_MAX_ROWS} />
      <Panel title="Your batches">
        {batches.length === 0 ? (
          <p className="text-sm text-slate-600">No batches yet.</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {batches.map((b) => (
              <li key={b.id} className="flex flex-wrap items-center justify-between gap-2 py-2">
                <Link href={`/batches/${b.id}`} className="font-medium text-brand-700 underline">
                  {b.rows} ad{b.rows === 1 ? "" : "s"} ·{" "}
                  {b.createdAt.slice(0, 16).replace("T", " ")}
                </Link>
                <span className="flex items-center gap-2 text-xs text-slate-600">
                  {b.counts?.completed ?? 0} ready
                  {b.counts?.failed ? ` · ${b.counts.failed} failed` : ""}
                  <Badge tone={b.status === "finished" ? "success" : "info"}>
                    {b.status === "finished" ? "Finished" : "Running"}
                  </Badge>
                </span>
              </li>
            ))}
          </ul>
        )}
      </Panel>
    </div>
  );
}
