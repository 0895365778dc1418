"use client";

import { prefetchStep } from "./step-loaders";
import { STEP_LABELS, STEPS, type Step } from "./steps";

/**
 * Images → Clips → Finish → Done. The ad's own step is marked current; finished steps are
 * buttons (go back and look, or change something); later steps are not reachable yet.
 */
export function Stepper({
  current,
  viewing,
  reachable,
  onSelect,
}: {
  current: Step;
  viewing: Step;
  reachable: (step: Step) => boolean;
  onSelect: (step: Step) => void;
}) {
  const currentIndex = STEPS.indexOf(current);
  return (
    <nav aria-label="Steps of this ad">
      <ol className="grid grid-cols-4 gap-1 sm:gap-2">
        {STEPS.map((step, i) => {
          const done = i < currentIndex || (step === "done" && current === "done");
          const isCurrent = step === current;
          const enabled = reachable(step);
          const shown = step === viewing;
          return (
            <li key={step}>
              <button
                type="button"
                disabled={!enabled}
                onClick={() => onSelect(step)}
                onPointerEnter={() => enabled && prefetchStep(step)}
                onFocus={() => enabled && prefetchStep(step)}
                aria-current={shown ? "step" : undefined}
                data-testid={`step-${step}`}
                className={`flex w-full flex-col items-start gap-1 rounded-lg border-t-4 px-1 pt-2 pb-1 text-left transition sm:px-2 ${
                  shown
                    ? "border-brand-600"
                    : done
                      ? "border-brand-300"
                      : isCurrent
                        ? "border-brand-400"
                        : "border-slate-200"
                } ${enabled ? "hover:bg-white" : "cursor-default opacity-60"}`}
              >
                <span className="text-xs text-slate-500">
                  <span className="sr-only">Step </span>
                  {i + 1}
                  <span className="hidden sm:inline">
                    {done && step !== "done" ? " · done" : isCurrent ? " · now" : ""}
                  </span>
                </span>
                <span
                  className={`text-sm font-semibold ${shown ? "text-brand-700" : "text-slate-700"}`}
                >
                  {STEP_LABELS[step]}
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    </nav>
  );
}
