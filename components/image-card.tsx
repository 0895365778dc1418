"use client";

import { NewTakeStatus, OrderBadge, SelectButton } from "./asset-card-parts";
import { usd } from "./format";
import { AssetImage, aspectStyle, dimensions } from "./media";
import type { AssetView } from "./session-types";
import { Badge } from "./ui/badge";
import { Button } from "./ui/button";

const VIEW_LABELS: Record<string, string> = {
  front: "Front",
  side: "Side",
  back: "Back",
  top: "Top",
  detail: "Detail",
  lifestyle: "Lifestyle",
};
export const viewLabel = (a: Pick<AssetView, "viewType" | "source">) =>
  a.source === "user-upload" ? "Your photo" : (VIEW_LABELS[a.viewType ?? ""] ?? "Image");

/** One image of the mood board, from skeleton to finished shot, with its cost and actions. */
export function ImageCard({
  asset,
  ratio,
  name,
  order,
  newTake,
  onToggle,
  onView,
  onRegenerate,
  onReject,
  onCompare,
  canRegenerate,
  canReject,
  selectable = true,
}: {
  asset: AssetView;
  ratio: string;
  name: string;
  /** 1-based position in the selection, when selected. */
  order?: number;
  /** A regeneration of this image, while the marketer has not chosen between the two. */
  newTake?: AssetView;
  onToggle: () => void;
  onView: () => void;
  onRegenerate: () => void;
  onReject: () => void;
  onCompare: () => void;
  canRegenerate: boolean;
  /** The image can be set aside now (nothing is being made). */
  canReject: boolean;
  /** False while a later stage runs: the selection cannot change then. */
  selectable?: boolean;
}) {
  const d = dimensions(asset.resolution, ratio);
  const selected = order !== undefined;
  const ready = asset.status === "completed" || asset.status === "approved";
  return (
    <article
      className={`flex flex-col overflow-hidden rounded-xl border bg-white shadow-sm transition ${
        selected ? "border-brand-600 ring-2 ring-brand-200" : "border-slate-200"
      }`}
      data-testid="image-card"
      data-status={asset.status}
      data-id={asset.id}
      aria-label={name}
    >
      <div className="relative">
        {ready ? (
          <button
            type="button"
            onClick={onView}
            className="block w-full"
            aria-label={`View ${name} larger`}
          >
            <AssetImage asset={asset} ratio={ratio} alt={name} />
          </button>
        ) : asset.status === "generating" ? (
          <div
            style={aspectStyle(d)}
            className="flex w-full animate-pulse items-center justify-center bg-slate-200 p-3 text-center text-xs text-slate-500 motion-reduce:animate-none"
          >
            {asset.retryCount > 0
              ? `Trying again (attempt ${asset.retryCount + 1})…`
              : "Generating…"}
          </div>
        ) : (
          <div
            style={aspectStyle(d)}
            className="flex w-full flex-col items-center justify-center gap-2 bg-slate-100 p-3 text-center text-xs text-slate-600"
          >
            <span className="font-medium text-rose-700">
              {asset.status === "rejected" ? "Set aside" : "This image failed"}
            </span>
            {asset.errorMessage ? <span className="line-clamp-3">{asset.errorMessage}</span> : null}
          </div>
        )}
        {selected ? <OrderBadge order={order} /> : null}
        {ready || asset.generationCost > 0 ? (
          <span className="absolute top-2 right-2">
            <Badge tone="neutral" className="bg-white/90">
              {usd(asset.generationCost)}
            </Badge>
          </span>
        ) : null}
        {newTake ? <NewTakeStatus take={newTake} onCompare={onCompare} /> : null}
      </div>
      <div className="flex flex-1 flex-col gap-2 p-2.5">
        <div className="flex items-center justify-between gap-2 text-sm">
          <span className="font-medium text-slate-800">{viewLabel(asset)}</span>
          <span className="text-xs text-slate-500">
            {selected
              ? `#${order} in the ad`
              : ready
                ? "Ready"
                : asset.status === "generating"
                  ? "Working"
                  : ""}
          </span>
        </div>
        <div className="mt-auto space-y-1">
          <SelectButton
            selected={selected}
            disabled={!ready || !selectable}
            onToggle={onToggle}
            name={name}
          />
          <div className="flex justify-between">
            {canRegenerate && asset.status !== "generating" ? (
              <Button
                size="sm"
                variant="ghost"
                onClick={onRegenerate}
                disabled={newTake?.status === "generating"}
                aria-label={`Redo ${name}`}
              >
                Redo
              </Button>
            ) : (
              <span />
            )}
            {ready && canReject ? (
              <Button size="sm" variant="ghost" onClick={onReject} aria-label={`Reject ${name}`}>
                Reject
              </Button>
            ) : null}
          </div>
        </div>
      </div>
    </article>
  );
}
