"use client";

import { EstimateSummary } from "./estimate-summary";
import { usd } from "./format";
import type { Estimate, SessionView } from "./session-types";
import { Alert } from "./ui/alert";
import { Button } from "./ui/button";
import { Card } from "./ui/card";

/** Beside the new-ad form: what happens next, then the draft's estimate and the confirm button. */
export function NewAdAside({
  draft,
  estimate,
  estimateError,
  error,
  busy,
  count,
  onGenerate,
  onDiscard,
}: {
  draft?: SessionView;
  estimate?: Estimate;
  estimateError?: string;
  error?: string;
  busy?: "draft" | "generate";
  count: number;
  onGenerate: () => void;
  onDiscard: () => void;
}) {
  return (
    <aside className="lg:sticky lg:top-20 lg:self-start" aria-label="Estimate">
      {draft ? (
        <Card className="space-y-4 p-4 sm:p-5">
          <div>
            <h2 className="font-semibold">Ready when you are</h2>
            <p className="mt-1 text-sm text-slate-600">
              Nothing has been spent yet. This is what generating the images costs.
            </p>
          </div>
          <EstimateSummary estimate={estimate} spent={0} budget={draft.budgetUsd} />
          {estimateError ? <Alert>{estimateError}</Alert> : null}
          {error ? <Alert>{error}</Alert> : null}
          <Button
            className="w-full"
            onClick={onGenerate}
            disabled={!estimate || busy !== undefined}
            data-testid="confirm-generate"
          >
            {busy === "generate"
              ? "Starting…"
              : estimate
                ? `Generate ${count} images · ${usd(estimate.amount)}`
                : "Generate images"}
          </Button>
          <Button
            variant="secondary"
            className="w-full"
            onClick={onDiscard}
            disabled={busy !== undefined}
          >
            Change something
          </Button>
        </Card>
      ) : (
        <Card className="p-4 text-sm text-slate-600 sm:p-5">
          <h2 className="font-semibold text-slate-900">What happens next</h2>
          <ol className="mt-2 list-decimal space-y-1 pl-5">
            <li>You see the estimate; nothing is spent before you confirm.</li>
            <li>Images arrive one by one; pick and order your favourites.</li>
            <li>They become short clips, then your finished ad.</li>
          </ol>
        </Card>
      )}
    </aside>
  );
}
