"use client";

import type { ReactNode } from "react";
import { api } from "./api";
import type { AssetView } from "./session-types";
import { Alert } from "./ui/alert";
import { Button } from "./ui/button";
import { useAction } from "./use-action";

/**
 * The images or clips the marketer rejected, or the takes they did not keep (status
 * `rejected` on the server, so every tab and a reload see the same). Each can be restored
 * to the board while nothing is being made.
 */
export function SetAsideGroup({
  assets,
  what,
  nameOf,
  thumb,
  canRestore,
  refresh,
}: {
  assets: AssetView[];
  what: "image" | "clip";
  nameOf: (a: AssetView) => string;
  thumb: (a: AssetView) => ReactNode;
  canRestore: boolean;
  refresh: () => void;
}) {
  const { run, busy, error } = useAction(refresh);
  if (assets.length === 0) return null;
  return (
    <details className="mt-4 text-sm" data-testid={`set-aside-${what}s`}>
      <summary className="cursor-pointer text-slate-600">Set aside ({assets.length})</summary>
      <p className="mt-1 text-xs text-slate-500">
        {what === "image" ? "Images" : "Clips"} you rejected or did not keep. They stay paid for and
        can come back to the board.
      </p>
      <ul className="mt-2 flex flex-wrap gap-3">
        {assets.map((a) => (
          <li key={a.id} className="w-24 text-center" data-testid="set-aside-item" data-id={a.id}>
            <div className="overflow-hidden rounded-lg opacity-60">{thumb(a)}</div>
            <Button
              size="sm"
              variant="ghost"
              onClick={() => run(a.id, () => api("DELETE", `/api/assets/${a.id}/reject`))}
              disabled={!canRestore || busy !== undefined}
              aria-label={`Restore ${nameOf(a)}`}
            >
              {busy === a.id ? "Restoring…" : "Restore"}
            </Button>
          </li>
        ))}
      </ul>
      {error ? <Alert className="mt-2">{error}</Alert> : null}
    </details>
  );
}
