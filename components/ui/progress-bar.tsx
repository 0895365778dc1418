/** A labelled progress bar; the label is what a marketer reads ("Generating image 3 of 6…"). */
export function ProgressBar({
  value,
  label,
  tone = "brand",
}: {
  value: number;
  label: string;
  tone?: "brand" | "danger" | "muted";
}) {
  const pct = Math.max(0, Math.min(100, Math.round(value)));
  const fill =
    tone === "danger" ? "bg-rose-500" : tone === "muted" ? "bg-slate-400" : "bg-brand-600";
  return (
    <div>
      <div className="mb-1.5 flex items-baseline justify-between gap-3 text-sm">
        <span className="min-w-0 truncate text-slate-700" data-testid="stage-message">
          {label}
        </span>
        <span className="tabular-nums text-slate-500">{pct}%</span>
      </div>
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={pct}
        className="h-2 overflow-hidden rounded-full bg-slate-200"
      >
        <div
          className={`h-full rounded-full transition-[width] duration-500 ${fill}`}
          style={{ width: `${pct}%` }}
        />
      </div>
    </div>
  );
}
