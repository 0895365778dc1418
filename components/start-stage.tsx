"use client";

import { useState } from "react";
import { ApiError, errorMessage } from "./api";
import { EstimateSummary } from "./estimate-summary";
import type { Estimate, SessionView } from "./session-types";
import { Alert } from "./ui/alert";
import { Button } from "./ui/button";
import { Panel } from "./ui/card";
import { useEstimate } from "./use-estimate";

/**
 * The last stop before money is spent: the server's estimate, the budget after it, and a
 * confirm button that names the amount. `estimateParams` are the user's current choices
 * (the estimate endpoint's query), so the amount shown is the one the start request prices.
 * If the price moved since (the server answers 409 with the new estimate) the new amount
 * is shown for a second confirmation.
 */
export function StartStage({
  session,
  stage,
  initialEstimate,
  estimateParams,
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
  /** The estimate the page was rendered with; used only when there are no `estimateParams`. */
  initialEstimate?: Estimate;
  estimateParams?: Record<string, string>;
  title: string;
  /** Text, or text from the current estimate (e.g. the length it was priced for). */
  description: string | ((estimate?: Estimate) => string);
  action: (amount: number) => string;
  start: (confirmEstimate: number) => Promise<unknown>;
  refresh: () => void;
  children?: React.ReactNode;
  disabled?: boolean;
}) {
  const initial = estimateParams ? undefined : initialEstimate;
  const fetched = useEstimate(initial ? undefined : session.id, stage, estimateParams);
  const choices = JSON.stringify(estimateParams ?? {});
  // A re-priced amount from a 409 holds only for the choices it was given for.
  const [repriced, setRepriced] = useState<{ choices: string; amount: number }>();
  const override = repriced?.choices === choices ? repriced.amount : undefined;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const estimate = initial ?? fetched.estimate;
  const amount = estimate ? (override ?? estimate.amount) : undefined;

  async function go() {
    if (amount === undefined) return;
    setBusy(true);
    setError(undefined);
    try {
      await start(amount);
      refresh();
    } catch (err) {
      if (
        err instanceof ApiError &&
        typeof err.extra.estimate === "number" &&
        err.code !== "over_budget"
      )
        setRepriced({ choices, amount: err.extra.estimate });
      setError(errorMessage(err));
      setBusy(false);
    }
  }

  return (
    <Panel
      title={title}
      description={typeof description === "function" ? description(estimate) : description}
    >
      <div className="space-y-4">
        {children}
        <EstimateSummary
          estimate={
            estimate && override !== undefined ? { ...estimate, amount: override } : estimate
          }
          spent={session.totalCost}
          budget={session.budgetUsd}
        />
        {fetched.error ? <Alert>{fetched.error}</Alert> : null}
        {error ? <Alert>{error}</Alert> : null}
        <Button
          onClick={go}
          disabled={amount === undefined || busy || disabled}
          data-testid={`confirm-${stage}`}
          className="w-full sm:w-auto"
        >
          {busy ? "Starting…" : amount === undefined ? "Working out the cost…" : action(amount)}
        </Button>
      </div>
    </Panel>
  );
}
