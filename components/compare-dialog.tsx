"use client";

import type { ReactNode } from "react";
import { usd } from "./format";
import type { AssetView } from "./session-types";
import { Alert } from "./ui/alert";
import { Button } from "./ui/button";
import { Dialog } from "./ui/dialog";

/** The current take and the regenerated one side by side; the marketer keeps one. */
export function CompareDialog({
  pair,
  render,
  onClose,
  onKeep,
  busy,
  error,
}: {
  pair?: { current: AssetView; next: AssetView };
  render: (asset: AssetView) => ReactNode;
  onClose: () => void;
  onKeep: (keep: AssetView, drop: AssetView) => void | Promise<void>;
  busy: boolean;
  error?: string;
}) {
  return (
    <Dialog
      open={Boolean(pair)}
      onClose={onClose}
      wide
      title="Which take do you want?"
      description="The one you don’t keep is set aside; you can restore it later. Both have already been paid for."
    >
      {pair ? (
        <div className="grid grid-cols-2 gap-3 sm:gap-4">
          {(
            [
              ["Current", pair.current, pair.next],
              ["New take", pair.next, pair.current],
            ] as const
          ).map(([title, asset, other]) => (
            <figure
              key={asset.id}
              className="flex flex-col gap-2"
              data-testid={title === "Current" ? "take-current" : "take-new"}
            >
              <figcaption className="flex justify-between text-sm">
                <span className="font-medium">{title}</span>
                <span className="text-slate-500">
                  seed {asset.seed ?? "—"} · {usd(asset.generationCost)}
                </span>
              </figcaption>
              <div className="mx-auto w-full max-w-64 overflow-hidden rounded-lg">
                {render(asset)}
              </div>
              <Button
                onClick={() => onKeep(asset, other)}
                disabled={busy}
                variant={title === "New take" ? "primary" : "secondary"}
              >
                {title === "Current" ? "Keep the current one" : "Use the new take"}
              </Button>
            </figure>
          ))}
        </div>
      ) : null}
      {error ? <Alert className="mt-3">{error}</Alert> : null}
    </Dialog>
  );
}
