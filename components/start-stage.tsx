"use client";

import { useState } from "react";
import { ApiError, errorMessage } from "./api";
import { EstimateSummary } from "./estimate-summary";
import type { Estimate, SessionView } from "./session-types";
import { useEstimate } from "./use-estimate";
import { Alert } from "./ui/alert";
import { Button } from "./ui/button";
import { Panel } from "./ui/card";

/**
 * The last stop before money is spent: the server's estimate, the budget after it, and a
 * confirm button that names the amount. If the price moved since (the server answers 409
 * with the new estimate) the new amount is shown for a second confirmation.
 */
export function StartStage({
  session,
  stage,
  initialEstimate,
  title,
  description,
  action,
  start,
  refresh,
  children,
  disabled,
}: {
  session: SessionView;
  stage: Estimate["stage"];
  initialEstimate?: Estimate;
  title: string;
  description: string;
  action: (amount: number) => string;
  start: (confirmEstimate: number) => Promise<unknown>;
  refresh: () => void;
  children?: React.ReactNode;
  disabled?: boolean;
}) {
  const fetched = useEstimate(initialEstimate ? undefined : session.id, stage);
  const [override, setOverride] = useState<number>();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const estimate = initialEstimate ?? fetched.estimate;
  const amount = override ?? estimate?.amount;

  async function go() {
    if (amount === undefined) return;
    setBusy(true);
    setError(undefined);
    try {
      await start(amount);
      refresh();
    } catch (err) {
      if (err instanceof ApiError && typeof err.extra.estimate === "number" && err.code !== "over_budget") setOverride(err.extra.estimate);
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <Panel title={title} description={description}>
      <div className="space-y-4">
        {children}
        <EstimateSummary
          estimate={estimate && override !== undefined ? { ...estimate, amount: override } : estimate}
          spent={session.totalCost}
          budget={session.budgetUsd}
        />
        {fetched.error ? <Alert>{fetched.error}</Alert> : null}
        {error ? <Alert>{error}</Alert> : null}
        <Button onClick={go} disabled={amount === undefined || busy || disabled} data-testid={`confirm-${stage}`} className="w-full sm:w-auto">
          {busy ? "Starting…" : amount === undefined ? "Working out the cost…" : action(amount)}
        </Button>
      </div>
    </Panel>
  );
}
