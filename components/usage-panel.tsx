// The dashboard's Usage panel: one's own usage against each per-user quota (the numbers of
// GET /api/usage), so a refusal is never a surprise. Rendered with the dashboard's server
// data; the bars are decoration, the text says the numbers.
import type { Usage, UsageLine } from "@/lib/quotas/usage";
import { inWords, storageSize } from "@/lib/quotas/words";
import { Panel } from "./ui/card";

type Row = { key: keyof Usage; label: string; amount: (u: UsageLine) => string; hint?: string };

const count = (u: UsageLine) => `${u.used} of ${u.limit}`;

const ROWS: Row[] = [
  { key: "adsAtOnce", label: "Ads being made now", amount: count },
  { key: "rendersPerHour", label: "Videos composed this hour", amount: count },
  { key: "uploadsPerHour", label: "Photos and logos uploaded this hour", amount: count },
  {
    key: "regenerationsPerAd",
    label: "Remakes on your busiest ad",
    amount: count,
    hint: "Each ad has its own.",
  },
  {
    key: "storageBytes",
    label: "Storage",
    amount: (u) => `${storageSize(u.used)} of ${storageSize(u.limit)}`,
  },
];

function hintFor(row: Row, u: UsageLine, now: number): string | undefined {
  if (u.resetsAt && u.used > 0)
    return `One frees up ${inWords((Date.parse(u.resetsAt) - now) / 1000)}.`;
  if (row.key === "storageBytes" && u.used >= 0.8 * u.limit)
    return "Delete ads you no longer need to free space.";
  if (row.key === "adsAtOnce" && u.used >= u.limit) return "New work starts when one finishes.";
  return row.hint;
}

export function UsagePanel({ usage, now }: { usage: Usage; now: number }) {
  return (
    <Panel
      title={<span id="usage-heading">Usage</span>}
      description="Your account's limits, and how much of each you are using."
      aria-labelledby="usage-heading"
      data-testid="usage-panel"
    >
      <dl className="grid gap-4 sm:grid-cols-2 lg:grid-cols-5">
        {ROWS.map((row) => {
          const u = usage[row.key];
          const pct = u.limit > 0 ? Math.min(100, (u.used / u.limit) * 100) : 0;
          const full = u.used >= u.limit;
          const hint = hintFor(row, u, now);
          return (
            <div key={row.key} data-testid={`usage-${row.key}`}>
              <dt className="text-xs text-slate-600">{row.label}</dt>
              <dd className="mt-1">
                <span className="text-base font-semibold tabular-nums text-slate-900">
                  {row.amount(u)}
                </span>
                <span className="mt-1.5 block h-1.5 overflow-hidden rounded-full bg-slate-200">
                  <span
                    aria-hidden
                    className={`block h-full rounded-full ${full ? "bg-rose-600" : "bg-brand-600"}`}
                    style={{ width: `${pct}%` }}
                  />
                </span>
                {hint ? <span className="mt-1 block text-xs text-slate-600">{hint}</span> : null}
              </dd>
            </div>
          );
        })}
      </dl>
    </Panel>
  );
}
