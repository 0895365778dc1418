"use client";

// Pieces the image and clip cards share: the selection's order badge, the new take's state,
// the card's frame, the placeholder of an asset not ready yet, and the select, redo and
// reject buttons.
import type { ReactNode } from "react";
import { aspectStyle, dimensions } from "./media";
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

/** In place of an asset that is not ready: a pulse while it is made (`working`), else why not. */
export function AssetPlaceholder({
  asset,
  ratio,
  working,
  failed,
}: {
  asset: AssetView;
  ratio: string;
  working: string;
  failed: string;
}) {
  const d = dimensions(asset.resolution, ratio);
  return asset.status === "generating" ? (
    <div
      style={aspectStyle(d)}
      className="flex w-full animate-pulse items-center justify-center bg-slate-200 p-3 text-center text-xs text-slate-500 motion-reduce:animate-none"
    >
      {asset.retryCount > 0 ? `Trying again (attempt ${asset.retryCount + 1})…` : working}
    </div>
  ) : (
    <div
      style={aspectStyle(d)}
      className="flex w-full flex-col items-center justify-center gap-2 bg-slate-100 p-3 text-center text-xs text-slate-600"
    >
      <span className="font-medium text-rose-700">{failed}</span>
      {asset.errorMessage ? <span className="line-clamp-3">{asset.errorMessage}</span> : null}
    </div>
  );
}

/** Asks for a new take; disabled while one is on its way. */
export function RedoButton({
  name,
  newTake,
  onClick,
}: {
  name: string;
  newTake?: AssetView;
  onClick: () => void;
}) {
  return (
    <Button
      size="sm"
      variant="ghost"
      onClick={onClick}
      disabled={newTake?.status === "generating"}
      aria-label={`Redo ${name}`}
    >
      Redo
    </Button>
  );
}

export function RejectButton({ name, onClick }: { name: string; onClick: () => void }) {
  return (
    <Button size="sm" variant="ghost" onClick={onClick} aria-label={`Reject ${name}`}>
      Reject
    </Button>
  );
}

/** The card around one asset: ringed when selected, named and marked with its id and status. */
export function AssetCardFrame({
  testId,
  asset,
  name,
  selected,
  className = "",
  children,
}: {
  testId: string;
  asset: AssetView;
  name: string;
  selected: boolean;
  className?: string;
  children: ReactNode;
}) {
  return (
    <article
      className={`flex flex-col overflow-hidden rounded-xl border bg-white shadow-sm ${className} ${
        selected ? "border-brand-600 ring-2 ring-brand-200" : "border-slate-200"
      }`}
      data-testid={testId}
      data-status={asset.status}
      data-id={asset.id}
      aria-label={name}
    >
      {children}
    </article>
  );
}
