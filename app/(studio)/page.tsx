import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { AdCard } from "@/components/ad-card";
import { DashboardLiveLazy } from "@/components/dashboard-live-lazy";
import { EmptyDashboard } from "@/components/empty-dashboard";
import { toWire } from "@/components/session-types";
import { ButtonLink } from "@/components/ui/button";
import { UsagePanel } from "@/components/usage-panel";
import { currentUser } from "@/lib/auth/current-user";
import { getUsage } from "@/lib/quotas/usage";
import { listSessionsWithThumbnails } from "@/lib/sessions/list";

export const metadata: Metadata = { title: "Your ads" };

const PAGE = 24;

export default async function DashboardPage({
  searchParams,
}: {
  searchParams: Promise<{ cursor?: string }>;
}) {
  // Next renders the page beside the layout, so the layout's redirect alone does not stop it.
  const user = await currentUser();
  if (!user) redirect("/login");
  const { cursor } = await searchParams;
  const [page, usage] = await Promise.all([
    listSessionsWithThumbnails({
      userId: user.id,
      query: { limit: PAGE, cursor: cursor || undefined },
    }).catch(() => listSessionsWithThumbnails({ userId: user.id, query: { limit: PAGE } })),
    getUsage({ userId: user.id }),
  ]);
  const sessions = toWire(page.sessions);
  // Ads that can still change (work running, or waiting on the marketer in another tab).
  const live = sessions
    .filter((s) => !["completed", "failed", "cancelled"].includes(s.status))
    .map((s) => s.id);
  const thumbs = page.thumbnails;
  const now = Date.now();
  const firstName = (user.fullName ?? user.email).split(/[ @]/)[0];

  if (sessions.length === 0 && !cursor) return <EmptyDashboard firstName={firstName} />;

  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <h1 className="text-2xl font-semibold tracking-tight">Your ads</h1>
          <p className="mt-1 text-sm text-slate-600">
            Newest first. Pick up any ad where it stopped.
          </p>
        </div>
        <div className="flex items-center gap-3">
          {live.length > 0 ? <DashboardLiveLazy sessionIds={live} /> : null}
          <span className="hidden sm:block">
            <ButtonLink href="/new">New ad</ButtonLink>
          </span>
        </div>
      </div>
      <ul className="grid gap-4 sm:grid-cols-2 lg:grid-cols-3" aria-label="Your ads">
        {sessions.map((s, i) => (
          <li key={s.id}>
            <AdCard session={s} thumbnail={thumbs.get(s.id)} now={now} eager={i < 3} />
          </li>
        ))}
      </ul>
      <nav className="flex justify-between text-sm" aria-label="More ads">
        {cursor ? (
          <a href="/" className="font-medium text-brand-600 hover:underline">
            ← Newest ads
          </a>
        ) : (
          <span />
        )}
        {page.nextCursor ? (
          <a
            href={`/?cursor=${encodeURIComponent(page.nextCursor)}`}
            className="font-medium text-brand-600 hover:underline"
          >
            Older ads →
          </a>
        ) : null}
      </nav>
      <UsagePanel usage={usage} now={now} />
    </div>
  );
}
