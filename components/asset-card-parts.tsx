"use client";

// Pieces the image and clip cards share: the selection's order badge, the new take's state,
// and the select toggle.
import type { AssetView } from "./session-types";
import { Button } from "./ui/button";

/** The asset's 1-based place in the selection, over its top-left corner. */
export function OrderBadge({ order, className = "" }: { order?: number; className?: string }) {
  return (
    <span
      className={`absolute top-2 left-2 flex h-7 w-7 items-center justify-center rounded-full bg-brand-600 text-sm font-semibold text-white shadow ${className}`}
      aria-hidden
    >
      {order}
    </span>
  );
}

/** A regeneration still on its way, failed, or ready to compare with the current take. */
export function NewTakeStatus({ take, onCompare }: { take: AssetView; onCompare: () => void }) {
  return (
    <div className="absolute inset-x-2 bottom-2">
      {take.status === "generating" ? (
        <p className="rounded-lg bg-slate-900/80 px-2 py-1 text-center text-xs text-white">
          New take on the way…
        </p>
      ) : take.status === "failed" ? (
        <p className="rounded-lg bg-rose-700/90 px-2 py-1 text-center text-xs text-white">
          The new take failed
        </p>
      ) : (
        <Button size="sm" className="w-full" onClick={onCompare}>
          Compare with the new take
        </Button>
      )}
    </div>
  );
}

export function SelectButton({
  selected,
  disabled,
  onToggle,
  name,
}: {
  selected: boolean;
  disabled: boolean;
  onToggle: () => void;
  name: string;
}) {
  return (
    <Button
      size="sm"
      variant={selected ? "primary" : "secondary"}
      aria-pressed={selected}
      disabled={disabled}
      onClick={onToggle}
      className="w-full"
      aria-label={`${selected ? "Selected" : "Select"}: ${name}`}
    >
      {selected ? "✓ Selected" : "Select"}
    </Button>
  );
}
