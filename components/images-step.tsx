"use client";

import { useState } from "react";
import { LIMITS } from "./ad-options";
import { api } from "./api";
import dynamic from "next/dynamic";
import { usd } from "./format";
import { ImageCard, viewLabel } from "./image-card";
import { AssetImage, aspectStyle, dimensions } from "./media";
import type { RegenerateRequest } from "./regenerate-dialog";
import type { AssetView, SessionDetail } from "./session-types";
import { SortableStrip } from "./sortable-strip";
import { prefetchStep } from "./step-loaders";
import { StartStage } from "./start-stage";
import { imagesReady } from "./steps";
import { groupTakes } from "./takes";
import { useAction } from "./use-action";
import { useSelection } from "./use-selection";
import { useSetAside } from "./use-set-aside";
import { Alert } from "./ui/alert";
import { Button } from "./ui/button";
import { Panel } from "./ui/card";

// Dialogs load when first opened.
const AssetDetailsDialog = dynamic(() => import("./asset-details-dialog").then((m) => m.AssetDetailsDialog));
const CompareDialog = dynamic(() => import("./compare-dialog").then((m) => m.CompareDialog));
const RegenerateDialog = dynamic(() => import("./regenerate-dialog").then((m) => m.RegenerateDialog));

const READY = (a: AssetView) => a.status === "completed" || a.status === "approved";

/** The mood board: images arrive one by one; pick at least two, order them, redo or reject any. */
export function ImagesStep({ detail, refresh, onContinue }: { detail: SessionDetail; refresh: () => void; onContinue: () => void }) {
  const s = detail.session;
  const ratio = s.aspectRatio;
  const aside = useSetAside(s.id);
  const { run, busy, error } = useAction(refresh);
  const regen = useAction(refresh);
  const [viewing, setViewing] = useState<AssetView>();
  const [redo, setRedo] = useState<AssetView>();
  const [compare, setCompare] = useState<{ current: AssetView; next: AssetView }>();

  const { cards, newTakeOf } = groupTakes(detail.images.filter((a) => !aside.has(a.id)));
  const rejected = detail.images.filter((a) => aside.has(a.id));
  const readyIds = new Set(cards.filter(READY).map((a) => a.id));
  const selection = useSelection(s.approvedImageIds);
  const selected = selection.ids.filter((id) => readyIds.has(id));
  const byId = new Map(detail.images.map((a) => [a.id, a]));
  const nameOf = (a: AssetView) => `${viewLabel(a)} (image ${detail.images.indexOf(a) + 1})`;

  const generating = s.status === "prompting" || s.status === "generating_images";
  const reviewable = imagesReady(s);
  const generated = cards.filter((a) => a.source !== "user-upload");
  const placeholders = generating ? Math.max(0, (s.numImages ?? 6) - generated.length) : 0;
  const imageCost = detail.images.reduce((sum, a) => sum + a.generationCost, 0);
  const enough = selected.length >= LIMITS.minApprovedImages;

  async function regenerate(req: RegenerateRequest) {
    if (!redo) return;
    const done = await regen.run("regenerate", () => api("POST", `/api/assets/${redo.id}/regenerate`, req));
    if (done) setRedo(undefined);
  }

  function keep(keepAsset: AssetView, drop: AssetView) {
    if (keepAsset.id !== compare?.current.id) selection.replace(drop.id, keepAsset.id);
    aside.add(drop.id);
    setCompare(undefined);
  }

  async function continueToClips() {
    if (!selection.dirty && s.approvedImageIds.join() === selected.join()) return onContinue();
    const ok = await run("approve", () => api("PUT", `/api/sessions/${s.id}/approved-images`, { assetIds: selected }));
    if (ok) {
      selection.markSaved();
      onContinue();
    }
  }

  if (s.status === "created") {
    return (
      <StartStage
        session={s}
        stage="images"
        initialEstimate={detail.estimate?.stage === "images" ? detail.estimate : undefined}
        title="Generate the product images"
        description={`${s.numImages} images of “${s.productPrompt}” in ${ratio}. Nothing has been spent yet.`}
        action={(amount) => `Generate ${s.numImages} images · ${usd(amount)}`}
        start={(confirmEstimate) => api("POST", `/api/sessions/${s.id}/generate-images`, { confirmEstimate })}
        refresh={refresh}
      />
    );
  }

  return (
    <div className="space-y-4">
      <Panel
        title="Images"
        description={
          generating
            ? "They appear here one by one. You can start picking as soon as they arrive."
            : "Select at least 2 for your ad. The order you pick them in is the order they play; drag to change it."
        }
      >
        <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4" aria-label="Generated images" data-testid="image-grid">
          {cards.map((a) => {
            const order = selected.indexOf(a.id);
            return (
              <li key={a.id}>
                <ImageCard
                  asset={a}
                  ratio={ratio}
                  name={nameOf(a)}
                  order={order >= 0 ? order + 1 : undefined}
                  newTake={newTakeOf.get(a.id)}
                  onToggle={() => selection.toggle(a.id)}
                  onView={() => setViewing(a)}
                  onRegenerate={() => setRedo(a)}
                  onReject={() => {
                    selection.remove(a.id);
                    aside.add(a.id);
                  }}
                  onCompare={() => setCompare({ current: a, next: newTakeOf.get(a.id)! })}
                  canRegenerate={a.source !== "user-upload" && reviewable}
                />
              </li>
            );
          })}
          {Array.from({ length: placeholders }, (_, i) => (
            <li key={`placeholder-${i}`} aria-hidden>
              <div className="overflow-hidden rounded-xl border border-slate-200 bg-white">
                <div style={aspectStyle(dimensions(null, ratio))} className="animate-pulse bg-slate-200 motion-reduce:animate-none" />
                <div className="h-[4.6rem] p-2.5">
                  <div className="h-4 w-16 rounded bg-slate-200" />
                </div>
              </div>
            </li>
          ))}
        </ul>
        {rejected.length > 0 ? (
          <details className="mt-4 text-sm">
            <summary className="cursor-pointer text-slate-600">Set aside ({rejected.length})</summary>
            <ul className="mt-2 flex flex-wrap gap-3">
              {rejected.map((a) => (
                <li key={a.id} className="w-24 text-center">
                  {READY(a) ? <AssetImage asset={a} ratio={ratio} alt={viewLabel(a)} className="rounded-lg opacity-60" /> : null}
                  <Button size="sm" variant="ghost" onClick={() => aside.restore(a.id)} aria-label={`Restore ${viewLabel(a)} image`}>
                    Restore
                  </Button>
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </Panel>

      <Panel title="Your storyboard" description="The chosen images, in the order the ad plays them.">
        {selected.length === 0 ? (
          <p className="text-sm text-slate-500">Select images above; they line up here.</p>
        ) : (
          <SortableStrip
            label="Order of the chosen images"
            testId="image-order"
            items={selected.map((id) => {
              const a = byId.get(id)!;
              return { id, label: nameOf(a), thumb: <AssetImage asset={a} ratio={ratio} alt="" /> };
            })}
            onReorder={selection.reorder}
            onRemove={selection.remove}
          />
        )}
      </Panel>

      {generating || reviewable ? (
      <div className="sticky bottom-0 z-10 -mx-4 border-t border-slate-200 bg-white/95 px-4 py-3 backdrop-blur sm:mx-0 sm:rounded-xl sm:border">
        {error ? <Alert className="mb-3">{error}</Alert> : null}
        <div className="flex flex-wrap items-center justify-between gap-3">
          <p className="text-sm text-slate-700" data-testid="selection-summary">
            <span className="font-semibold">
              Selected {selected.length} of {readyIds.size}
            </span>{" "}
            · {usd(imageCost)}
            {!enough ? <span className="text-slate-500"> · pick at least {LIMITS.minApprovedImages}</span> : null}
          </p>
          <Button onClick={continueToClips} onPointerEnter={() => prefetchStep("clips")} onFocus={() => prefetchStep("clips")} disabled={!enough || !reviewable || busy !== undefined} data-testid="continue-to-clips">
            {busy ? "Saving…" : generating ? "Waiting for the images…" : "Continue to clips"}
          </Button>
        </div>
      </div>
      ) : null}

      {viewing ? (
      <AssetDetailsDialog
        asset={viewing}
        title={viewing ? nameOf(viewing) : ""}
        media={viewing ? <AssetImage asset={viewing} ratio={ratio} alt={nameOf(viewing)} eager /> : null}
        onClose={() => setViewing(undefined)}
      />
      ) : null}
      {redo ? <RegenerateDialog asset={redo} what="image" onClose={() => setRedo(undefined)} onSubmit={regenerate} busy={regen.busy !== undefined} error={regen.error} /> : null}
      {compare ? (
      <CompareDialog
        pair={compare}
        render={(a) => <AssetImage asset={a} ratio={ratio} alt={nameOf(a)} eager />}
        onClose={() => setCompare(undefined)}
        onKeep={keep}
        busy={false}
      />
      ) : null}
    </div>
  );
}
