import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { WebhooksPanel } from "@/components/webhooks-panel";
import { currentUser } from "@/lib/auth/current-user";
import { listWebhooks } from "@/lib/webhooks/outgoing/manage";

export const metadata: Metadata = { title: "Webhooks" };

export default async function WebhooksPage() {
  const user = await currentUser();
  if (!user) redirect("/login");
  const { webhooks } = await listWebhooks({ userId: user.id });
  return (
    <div className="max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Webhooks</h1>
        <p className="mt-1 text-sm text-slate-600">
          Adsmith tells your address when an ad is ready, fails, or finishes a stage: a signed JSON
          POST (Standard Webhooks), retried for over a day until your server answers 2xx.
        </p>
      </div>
      <WebhooksPanel
        initial={webhooks.map((w) => ({ ...w, createdAt: w.createdAt.toISOString() }))}
      />
    </div>
  );
}
