import Link from "next/link";
import { isWorking } from "@/lib/sessions/stage-rules";
import type { Thumbnail } from "@/lib/sessions/ui-thumbnails";
import { DeleteAdButton } from "./delete-ad-button";
import { timeAgo, usd } from "./format";
import type { SessionView } from "./session-types";
import { nextAction, STATUS_LABELS, statusTone } from "./steps";
import { Badge } from "./ui/badge";
import { ButtonLink } from "./ui/button";
import { ProgressBar } from "./ui/progress-bar";

export function AdCard({
  session: s,
  thumbnail,
  now,
  eager,
}: {
  session: SessionView;
  thumbnail?: Thumbnail;
  now: number;
  eager: boolean;
}) {
  const title = s.productName || s.productPrompt || "Untitled ad";
  const href = `/sessions/${s.id}`;
  // The link's name starts with its visible words, then says which ad (WCAG 2.5.3).
  const action =
    s.status === "completed" || s.status === "cancelled"
      ? "Open"
      : `Resume · ${nextAction(s.status)}`;
  return (
    <article
      className="group flex h-full flex-col overflow-hidden rounded-2xl border border-slate-200 bg-white shadow-sm transition hover:shadow-md"
      data-testid="ad-card"
      data-status={s.status}
    >
      <Link
        href={href}
        className="relative block aspect-[4/3] overflow-hidden bg-slate-100"
        tabIndex={-1}
        aria-hidden
      >
        {thumbnail ? (
          // Media is served by an authenticated route, so a plain <img> with its box reserved.
          // eslint-disable-next-line @next/next/no-img-element
          <img
            src={thumbnail.url}
            alt=""
            width={400}
            height={300}
            loading={eager ? "eager" : "lazy"}
            fetchPriority={eager ? "high" : "auto"}
            decoding="async"
            className="absolute inset-0 h-full w-full object-cover transition group-hover:scale-[1.02]"
          />
        ) : (
          <div className="flex h-full items-center justify-center text-sm text-slate-600">
            {isWorking(s.status) ? "Images on the way…" : "No images yet"}
          </div>
        )}
      </Link>
      <div className="flex flex-1 flex-col gap-3 p-4">
        <div className="flex items-start justify-between gap-2">
          <h2 className="line-clamp-2 font-medium text-slate-900">
            <Link href={href} className="hover:underline">
              {title}
            </Link>
          </h2>
          <Badge tone={statusTone(s.status)}>{STATUS_LABELS[s.status]}</Badge>
        </div>
        {isWorking(s.status) ? (
          <ProgressBar value={s.progress} label={`${STATUS_LABELS[s.status]}…`} />
        ) : null}
        {s.status === "failed" && s.errorMessage ? (
          <p className="line-clamp-2 text-sm text-rose-700">{s.errorMessage}</p>
        ) : null}
        <dl className="mt-auto flex justify-between text-sm text-slate-600">
          <div>
            <dt className="sr-only">Total cost</dt>
            <dd className="tabular-nums">{usd(s.totalCost)} spent</dd>
          </div>
          <div>
            <dt className="sr-only">Last update</dt>
            <dd>
              <time dateTime={s.updatedAt ?? undefined}>{timeAgo(s.updatedAt, now)}</time>
            </dd>
          </div>
        </dl>
        <div className="flex items-center justify-between gap-2 border-t border-slate-100 pt-3">
          <ButtonLink
            href={href}
            size="sm"
            variant={s.status === "completed" ? "secondary" : "primary"}
            aria-label={`${action}: ${title}`}
          >
            {action}
          </ButtonLink>
          <DeleteAdButton sessionId={s.id} title={title} />
        </div>
      </div>
    </article>
  );
}
