"use client";

import { cameraLabel } from "./ad-options";
import {
  AssetCardFrame,
  AssetPlaceholder,
  NewTakeStatus,
  OrderBadge,
  RedoButton,
  RejectButton,
  SelectButton,
} from "./asset-card-parts";
import { seconds, usd } from "./format";
import { ClipPreview } from "./media";
import type { AssetView } from "./session-types";
import { Badge } from "./ui/badge";
import { Button } from "./ui/button";

/** One clip: plays on hover or focus (muted), with its length, cost and camera move. */
export function ClipCard({
  clip,
  ratio,
  name,
  poster,
  order,
  newTake,
  onToggle,
  onView,
  onRegenerate,
  onCompare,
  onReject,
  canChange,
  canReject,
}: {
  clip: AssetView;
  ratio: string;
  name: string;
  poster?: string;
  order?: number;
  newTake?: AssetView;
  onToggle: () => void;
  onView: () => void;
  onRegenerate: () => void;
  onCompare: () => void;
  onReject: () => void;
  canChange: boolean;
  /** The clip can be set aside now (nothing is being made). */
  canReject: boolean;
}) {
  const ready = clip.status === "completed" || clip.status === "approved";
  const selected = order !== undefined;
  return (
    <AssetCardFrame testId="clip-card" asset={clip} name={name} selected={selected}>
      <div className="relative">
        {ready ? (
          <ClipPreview
            asset={clip}
            ratio={ratio}
            poster={poster}
            label={`${name}: plays while focused or hovered`}
          />
        ) : (
          <AssetPlaceholder
            asset={clip}
            ratio={ratio}
            working="Animating…"
            failed="This clip failed"
          />
        )}
        {selected ? <OrderBadge order={order} className="pointer-events-none" /> : null}
        <span className="pointer-events-none absolute top-2 right-2 flex flex-col items-end gap-1">
          {ready ? <Badge className="bg-white/90">{seconds(clip.durationSeconds)}</Badge> : null}
          <Badge className="bg-white/90">{usd(clip.generationCost)}</Badge>
        </span>
        {newTake ? <NewTakeStatus take={newTake} onCompare={onCompare} /> : null}
      </div>
      <div className="flex flex-1 flex-col gap-2 p-2.5">
        <p className="text-xs text-slate-600">
          <span className="font-medium text-slate-800">{cameraLabel(clip.cameraMovement)}</span>
          {clip.motionIntensity !== null
            ? ` · motion ${Math.round(clip.motionIntensity * 100)}%`
            : ""}
        </p>
        <div className="mt-auto space-y-1">
          <SelectButton
            selected={selected}
            disabled={!ready || !canChange}
            onToggle={onToggle}
            name={name}
          />
          <div className="flex justify-between">
            {ready ? (
              <Button size="sm" variant="ghost" onClick={onView} aria-label={`Info about ${name}`}>
                Info
              </Button>
            ) : (
              <span />
            )}
            {canChange && clip.status !== "generating" ? (
              <RedoButton name={name} newTake={newTake} onClick={onRegenerate} />
            ) : null}
            {ready && canReject ? <RejectButton name={name} onClick={onReject} /> : null}
          </div>
        </div>
      </div>
    </AssetCardFrame>
  );
}
