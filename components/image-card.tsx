"use client";

import {
  AssetCardFrame,
  AssetPlaceholder,
  NewTakeStatus,
  OrderBadge,
  RedoButton,
  RejectButton,
  SelectButton,
} from "./asset-card-parts";
import { usd } from "./format";
import { AssetImage } from "./media";
import type { AssetView } from "./session-types";
import { Badge } from "./ui/badge";

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
  const selected = order !== undefined;
  const ready = asset.status === "completed" || asset.status === "approved";
  return (
    <AssetCardFrame
      testId="image-card"
      asset={asset}
      name={name}
      selected={selected}
      className="transition"
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
        ) : (
          <AssetPlaceholder
            asset={asset}
            ratio={ratio}
            working="Generating…"
            failed={asset.status === "rejected" ? "Set aside" : "This image failed"}
          />
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
              <RedoButton name={name} newTake={newTake} onClick={onRegenerate} />
            ) : (
              <span />
            )}
            {ready && canReject ? <RejectButton name={name} onClick={onReject} /> : null}
          </div>
        </div>
      </div>
    </AssetCardFrame>
  );
}
