import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { ApiKeysPanel } from "@/components/api-keys-panel";
import { listApiKeys } from "@/lib/auth/api-keys";
import { currentUser } from "@/lib/auth/current-user";

export const metadata: Metadata = { title: "API keys" };

export default async function ApiKeysPage() {
  // Next renders the page beside the layout, so the layout's redirect alone does not stop it.
  const user = await currentUser();
  if (!user) redirect("/login");
  const keys = await listApiKeys({ userId: user.id });
  return (
    <div className="max-w-3xl space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">API keys</h1>
        <p className="mt-1 text-sm text-slate-600">
          Scripts, CI jobs and automation tools use a key to make ads through the Adsmith API as
          you, sending it as <code className="text-xs">Authorization: Bearer &lt;key&gt;</code>.
          Treat a key like a password. A key cannot create or revoke keys; that happens here. To be
          told when an ad is ready, add a{" "}
          <Link href="/webhooks" className="font-medium text-brand-700 underline">
            webhook
          </Link>
          .
        </p>
      </div>
      <ApiKeysPanel initialKeys={keys} renderedAt={Date.now()} />
    </div>
  );
}
