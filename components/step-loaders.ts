// Prefetching a workspace step's code on hover or focus of whatever leads to it (a stepper
// button, a Continue button) makes switching instant without adding the step to the first
// load. The same modules workspace.tsx loads with next/dynamic, so the cache is shared.
import type { Step } from "./steps";

const LOADERS: Record<Step, () => Promise<unknown>> = {
  images: () => import("./images-step"),
  clips: () => import("./clips-step"),
  finish: () => import("./finish-step"),
  done: () => import("./done-step"),
};

export function prefetchStep(step: Step): void {
  void LOADERS[step]().catch(() => {}); // a failed prefetch is retried when the step opens
}
