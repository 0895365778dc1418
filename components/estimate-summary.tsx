import { usd } from "./format";
import type { Estimate } from "./session-types";
import { Skeleton } from "./ui/skeleton";

/** The estimate before money is spent: the total, what it is made of, and the budget left after it. */
export function EstimateSummary({
  estimate,
  spent,
  budget,
}: {
  estimate?: Estimate;
  spent: number;
  budget: number | null;
}) {
  if (!estimate) return <Skeleton className="h-20" label="Working out the cost…" />;
  const after = budget === null ? null : budget - spent - estimate.amount;
  return (
    <div className="rounded-xl bg-slate-50 p-4" data-testid="estimate">
      <div className="flex items-baseline justify-between gap-3">
        <p className="text-sm text-slate-600">Estimated cost</p>
        <p className="text-2xl font-semibold tabular-nums" data-testid="estimate-amount">
          {usd(estimate.amount)}
        </p>
      </div>
      {estimate.breakdown.length > 0 ? (
        <ul className="mt-2 space-y-1 text-sm text-slate-600">
          {estimate.breakdown.map((line, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: each estimate replaces the whole list; its lines have no identity of their own
            <li key={i} className="flex justify-between gap-3">
              <span className="min-w-0">
                {line.label} × {line.quantity}
                <span className="block text-xs text-slate-500">{detailOf(line)}</span>
              </span>
              <span className="tabular-nums">{usd(line.amount)}</span>
            </li>
          ))}
        </ul>
      ) : null}
      {after !== null ? (
        <p
          className={`mt-3 border-t border-slate-200 pt-2 text-sm ${after < 0 ? "font-medium text-rose-700" : "text-slate-600"}`}
        >
          {after < 0
            ? `This is ${usd(-after)} over the ad's ${usd(budget)} budget.`
            : `Budget left afterwards: ${usd(after)} of ${usd(budget)}.`}
        </p>
      ) : null}
    </div>
  );
}

function detailOf(line: Estimate["breakdown"][number]): string {
  const name = line.modelLabel ?? line.model;
  const model = line.provider === "local" ? `${name} (local, free)` : name;
  return [
    model,
    line.alternative ? `falls back to ${line.alternative}` : "",
    // A licence the marketer must know before using the result in a paid ad.
    line.licence && /non-commercial/i.test(line.licence) ? line.licence : "",
    line.seconds ? `${line.seconds} s each` : "",
    line.unitCost ? `${usd(line.unitCost)} each` : "",
  ]
    .filter(Boolean)
    .join(" · ");
}
