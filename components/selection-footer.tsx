import type { ReactNode } from "react";
import { Alert } from "./ui/alert";

/** The sticky bar under a mood board: what is selected and the way on. */
export function SelectionFooter({
  summary,
  error,
  action,
  testId,
}: {
  summary: ReactNode;
  error?: string;
  action: ReactNode;
  testId: string;
}) {
  return (
    <div className="sticky bottom-0 z-10 -mx-4 border-t border-slate-200 bg-white/95 px-4 py-3 backdrop-blur sm:mx-0 sm:rounded-xl sm:border">
      {error ? <Alert className="mb-3">{error}</Alert> : null}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <p className="text-sm text-slate-700" data-testid={testId}>
          {summary}
        </p>
        {action}
      </div>
    </div>
  );
}
