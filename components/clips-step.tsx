"use client";

import { useState } from "react";
import { api } from "./api";
import dynamic from "next/dynamic";
import { ClipCard } from "./clip-card";
import { ClipSettings } from "./clip-settings";
import { seconds, usd } from "./format";
import { aspectStyle, ClipPreview, dimensions } from "./media";
import type { RegenerateRequest } from "./regenerate-dialog";
import type { AssetView, SessionDetail } from "./session-types";
import { SortableStrip } from "./sortable-strip";
import { prefetchStep } from "./step-loaders";
import { clipsReady, imagesReady } from "./steps";
import { groupTakes } from "./takes";
import { finalDuration } from "./timing";
import { useAction } from "./use-action";
import { useSelection } from "./use-selection";
import { useSetAside } from "./use-set-aside";
import { LIMITS } from "./ad-options";
import { Alert } from "./ui/alert";
import { Button } from "./ui/button";
import { Panel } from "./ui/card";

// Dialogs load when first opened.
const AssetDetailsDialog = dynamic(() => import("./asset-details-dialog").then((m) => m.AssetDetailsDialog));
const CompareDialog = dynamic(() => import("./compare-dialog").then((m) => m.CompareDialog));
const RegenerateDialog = dynamic(() => import("./regenerate-dialog").then((m) => m.RegenerateDialog));

const READY = (a: AssetView) => a.status === "completed" || a.status === "approved";
const runOf = (a: AssetView) => (a.metadata as { run?: number }).run;

/** Clips: settings and estimate, then clips arriving, then pick and order them. */
export function ClipsStep({
  detail,
  refresh,
  onContinue,
  onChangeImages,
}: {
  detail: SessionDetail;
  refresh: () => void;
  onContinue: () => void;
  onChangeImages: () => void;
}) {
  const s = detail.session;
  const ratio = s.aspectRatio;
  const run = (s.metadata as { clipRun?: number }).clipRun;
  const aside = useSetAside(s.id);
  const { run: act, busy, error } = useAction(refresh);
  const regen = useAction(refresh);
  const [info, setInfo] = useState<AssetView>();
  const [redo, setRedo] = useState<AssetView>();
  const [compare, setCompare] = useState<{ current: AssetView; next: AssetView }>();
  const selection = useSelection(s.approvedClipIds);

  const live = detail.videoClips.filter((c) => !aside.has(c.id));
  const currentRun = live.filter((c) => run === undefined || runOf(c) === run || runOf(c) === undefined);
  const earlier = live.filter((c) => !currentRun.includes(c));
  const { cards, newTakeOf } = groupTakes(currentRun);
  const earlierCards = groupTakes(earlier).cards.filter(READY);
  const all = [...cards, ...earlierCards];
  const byId = new Map(detail.videoClips.map((c) => [c.id, c]));
  const imageUrl = (c: AssetView) => detail.images.find((i) => i.id === c.sourceImageId)?.url;
  const nameOf = (c: AssetView) => `Clip ${all.indexOf(c) + 1}`;
  const readyIds = new Set(all.filter(READY).map((c) => c.id));
  const selected = selection.ids.filter((id) => readyIds.has(id));

  const generating = s.status === "generating_videos";
  const reviewable = clipsReady(s);
  const failedHere = (s.status === "failed" || s.status === "cancelled") && s.currentStage === "video_gen";
  const placeholders = generating ? Math.max(0, s.approvedImageIds.length - cards.length) : 0;
  const clipCost = detail.videoClips.reduce((sum, c) => sum + c.generationCost, 0);
  const duration = finalDuration(selected.map((id) => byId.get(id)?.durationSeconds ?? s.clipDurationSeconds ?? 3));
  const [showSettings, setShowSettings] = useState(false);

  async function regenerate(req: RegenerateRequest) {
    if (!redo) return;
    if (await regen.run("regenerate", () => api("POST", `/api/assets/${redo.id}/regenerate`, req))) setRedo(undefined);
  }
  function keep(keepAsset: AssetView, drop: AssetView) {
    if (keepAsset.id !== compare?.current.id) selection.replace(drop.id, keepAsset.id);
    aside.add(drop.id);
    setCompare(undefined);
  }
  async function continueToFinish() {
    if (!selection.dirty && s.approvedClipIds.join() === selected.join()) return onContinue();
    const ok = await act("approve", () => api("PUT", `/api/sessions/${s.id}/approved-clips`, { assetIds: selected }));
    if (ok) {
      selection.markSaved();
      onContinue();
    }
  }

  if (live.length === 0 && !generating) {
    if (!imagesReady(s) || s.approvedImageIds.length < LIMITS.minApprovedImages) {
      return (
        <Panel title="Clips" description="Choose at least 2 images first; each becomes a clip.">
          <Button variant="secondary" onClick={onChangeImages}>
            Back to images
          </Button>
        </Panel>
      );
    }
    return <ClipSettings detail={detail} refresh={refresh} previous={[]} onChangeImages={onChangeImages} />;
  }

  return (
    <div className="space-y-4">
      <Panel
        title="Clips"
        description={generating ? "Each chosen image is being animated; clips appear as they finish." : "Hover or focus a clip to play it. Select the ones for your ad and put them in order."}
      >
        <ul className="grid grid-cols-2 gap-3 sm:grid-cols-3" aria-label="Generated clips" data-testid="clip-grid">
          {cards.map((c) => {
            const order = selected.indexOf(c.id);
            return (
              <li key={c.id}>
                <ClipCard
                  clip={c}
                  ratio={ratio}
                  name={nameOf(c)}
                  poster={imageUrl(c)}
                  order={order >= 0 ? order + 1 : undefined}
                  newTake={newTakeOf.get(c.id)}
                  onToggle={() => selection.toggle(c.id)}
                  onView={() => setInfo(c)}
                  onRegenerate={() => setRedo(c)}
                  onCompare={() => setCompare({ current: c, next: newTakeOf.get(c.id)! })}
                  canChange={reviewable}
                />
              </li>
            );
          })}
          {Array.from({ length: placeholders }, (_, i) => (
            <li key={`placeholder-${i}`} aria-hidden>
              <div className="overflow-hidden rounded-xl border border-slate-200 bg-white">
                <div style={aspectStyle(dimensions(null, ratio))} className="animate-pulse bg-slate-200 motion-reduce:animate-none" />
                <div className="h-[4.6rem]" />
              </div>
            </li>
          ))}
        </ul>
        {earlierCards.length > 0 ? (
          <details className="mt-4">
            <summary className="cursor-pointer text-sm text-slate-600">Clips from earlier runs ({earlierCards.length})</summary>
            <ul className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-3">
              {earlierCards.map((c) => {
                const order = selected.indexOf(c.id);
                return (
                  <li key={c.id}>
                    <ClipCard
                      clip={c}
                      ratio={ratio}
                      name={nameOf(c)}
                      poster={imageUrl(c)}
                      order={order >= 0 ? order + 1 : undefined}
                      onToggle={() => selection.toggle(c.id)}
                      onView={() => setInfo(c)}
                      onRegenerate={() => setRedo(c)}
                      onCompare={() => {}}
                      canChange={reviewable}
                    />
                  </li>
                );
              })}
            </ul>
          </details>
        ) : null}
      </Panel>

      {reviewable || selected.length > 0 ? (
        <Panel title="Your edit" description="The chosen clips, in the order the ad plays them.">
          {selected.length === 0 ? (
            <p className="text-sm text-slate-500">Select clips above; they line up here.</p>
          ) : (
            <SortableStrip
              label="Order of the chosen clips"
              testId="clip-order"
              items={selected.map((id) => {
                const c = byId.get(id)!;
                return {
                  id,
                  label: nameOf(c),
                  thumb: (
                    // eslint-disable-next-line @next/next/no-img-element
                    <img src={imageUrl(c)} alt="" width={dimensions(c.resolution, ratio).width} height={dimensions(c.resolution, ratio).height} className="block h-auto w-full object-cover" style={aspectStyle(dimensions(c.resolution, ratio))} />
                  ),
                };
              })}
              onReorder={selection.reorder}
              onRemove={selection.remove}
            />
          )}
        </Panel>
      ) : null}

      {reviewable || failedHere ? (
        <div className="rounded-xl border border-slate-200 bg-white">
          <button
            type="button"
            className="flex w-full items-center justify-between px-4 py-3 text-left text-sm font-medium text-slate-800"
            aria-expanded={showSettings || failedHere}
            onClick={() => setShowSettings((v) => !v)}
          >
            Change the scene, length or camera and make new clips
            <span aria-hidden>{showSettings || failedHere ? "−" : "+"}</span>
          </button>
          {showSettings || failedHere ? (
            <div className="border-t border-slate-100 p-2">
              <ClipSettings detail={detail} refresh={refresh} previous={cards} onChangeImages={onChangeImages} />
            </div>
          ) : null}
        </div>
      ) : null}

      {reviewable ? (
        <div className="sticky bottom-0 z-10 -mx-4 border-t border-slate-200 bg-white/95 px-4 py-3 backdrop-blur sm:mx-0 sm:rounded-xl sm:border">
          {error ? <Alert className="mb-3">{error}</Alert> : null}
          <div className="flex flex-wrap items-center justify-between gap-3">
            <p className="text-sm text-slate-700" data-testid="clip-summary">
              <span className="font-semibold">
                Selected {selected.length} of {readyIds.size}
              </span>{" "}
              · {usd(clipCost)} · final ad about <span data-testid="final-duration">{seconds(duration)}</span>
            </p>
            <Button onClick={continueToFinish} onPointerEnter={() => prefetchStep("finish")} onFocus={() => prefetchStep("finish")} disabled={selected.length < 1 || busy !== undefined} data-testid="continue-to-finish">
              {busy ? "Saving…" : "Continue to finish"}
            </Button>
          </div>
        </div>
      ) : null}

      {info ? (
      <AssetDetailsDialog
        asset={info}
        title={info ? nameOf(info) : ""}
        media={info ? <ClipPreview asset={info} ratio={ratio} poster={imageUrl(info)} label={nameOf(info)} /> : null}
        onClose={() => setInfo(undefined)}
      />
      ) : null}
      {redo ? <RegenerateDialog asset={redo} what="clip" promptLimit={LIMITS.videoPrompt} onClose={() => setRedo(undefined)} onSubmit={regenerate} busy={regen.busy !== undefined} error={regen.error} /> : null}
      {compare ? (
      <CompareDialog
        pair={compare}
        render={(c) => <ClipPreview asset={c} ratio={ratio} poster={imageUrl(c)} label={nameOf(c)} />}
        onClose={() => setCompare(undefined)}
        onKeep={keep}
        busy={false}
      />
      ) : null}
    </div>
  );
}
