"use client";

import { useState } from "react";
import { clipsReady, imagesReady, isWorking } from "@/lib/sessions/stage-rules";
import { LIMITS } from "./ad-options";
import { api } from "./api";
import { ClipCard } from "./clip-card";
import { ClipSettings } from "./clip-settings";
import { seconds, usd } from "./format";
import { aspectStyle, CardPlaceholder, ClipPreview, dimensions } from "./media";
import { SelectionFooter } from "./selection-footer";
import type { AssetView, SessionDetail } from "./session-types";
import { SetAsideGroup } from "./set-aside-group";
import { SortableStrip } from "./sortable-strip";
import { prefetchStep } from "./step-loaders";
import { useTakeDialogs } from "./take-dialogs";
import { groupTakes } from "./takes";
import { finalDuration } from "./timing";
import { Button } from "./ui/button";
import { Panel } from "./ui/card";
import { useAction } from "./use-action";
import { useSelection } from "./use-selection";

const READY = (a: AssetView) => a.status === "completed" || a.status === "approved";
const runOf = (a: AssetView) => a.metadata.run;

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
  const run = s.metadata.clipRun;
  const { run: act, busy, error } = useAction(refresh);
  const selection = useSelection(s.approvedClipIds);
  const [showSettings, setShowSettings] = useState(false);

  // The current run's clips on the board; clips of earlier runs stay available below.
  const { setAside } = groupTakes(detail.videoClips);
  const live = detail.videoClips.filter((c) => !setAside.includes(c));
  const currentRun = live.filter(
    (c) => run === undefined || runOf(c) === run || runOf(c) === undefined,
  );
  const { cards, newTakeOf } = groupTakes(currentRun);
  const earlier = groupTakes(live.filter((c) => !currentRun.includes(c))).cards.filter(READY);
  const all = [...cards, ...earlier];
  const byId = new Map(detail.videoClips.map((c) => [c.id, c]));
  const posterOf = (c: AssetView) => detail.images.find((i) => i.id === c.sourceImageId)?.url;
  const nameOf = (c: AssetView) => `Clip ${all.indexOf(c) + 1}`;
  const thumbOf = (c: AssetView) => {
    const d = dimensions(c.resolution, ratio);
    // eslint-disable-next-line @next/next/no-img-element
    return (
      <img
        src={posterOf(c)}
        alt=""
        width={d.width}
        height={d.height}
        style={aspectStyle(d)}
        className="block h-auto w-full object-cover"
      />
    );
  };
  const readyIds = new Set(all.filter(READY).map((c) => c.id));
  const selected = selection.ids.filter((id) => readyIds.has(id));
  const takes = useTakeDialogs({
    what: "clip",
    refresh,
    nameOf,
    promptLimit: LIMITS.videoPrompt,
    render: (c) => <ClipPreview asset={c} ratio={ratio} poster={posterOf(c)} label={nameOf(c)} />,
    onKeep: (keep, drop, current) => {
      if (keep.id !== current.id) selection.replace(drop.id, keep.id);
    },
  });

  const generating = s.status === "generating_videos";
  const reviewable = clipsReady(s);
  // The server sets clips aside (and restores them) whenever nothing is being made.
  const canReject = !isWorking(s.status);
  const stoppedHere =
    (s.status === "failed" || s.status === "cancelled") && s.currentStage === "video_gen";
  const placeholders = generating ? Math.max(0, s.approvedImageIds.length - cards.length) : 0;
  const clipCost = detail.videoClips.reduce((sum, c) => sum + c.generationCost, 0);
  const duration = finalDuration(
    selected.map((id) => byId.get(id)?.durationSeconds ?? s.clipDurationSeconds ?? 3),
  );

  async function continueToFinish() {
    if (!selection.dirty && s.approvedClipIds.join() === selected.join()) return onContinue();
    if (
      await act("approve", () =>
        api("PUT", `/api/sessions/${s.id}/approved-clips`, { assetIds: selected }),
      )
    ) {
      selection.markSaved();
      onContinue();
    }
  }

  if (live.length === 0 && setAside.length === 0 && !generating) {
    if (!imagesReady(s) || s.approvedImageIds.length < LIMITS.minApprovedImages) {
      return (
        <Panel title="Clips" description="Choose at least 2 images first; each becomes a clip.">
          <Button variant="secondary" onClick={onChangeImages}>
            Back to images
          </Button>
        </Panel>
      );
    }
    return (
      <ClipSettings
        detail={detail}
        refresh={refresh}
        previous={[]}
        onChangeImages={onChangeImages}
      />
    );
  }

  const card = (c: AssetView, newTake?: AssetView) => {
    const order = selected.indexOf(c.id);
    return (
      <li key={c.id}>
        <ClipCard
          clip={c}
          ratio={ratio}
          name={nameOf(c)}
          poster={posterOf(c)}
          order={order >= 0 ? order + 1 : undefined}
          newTake={newTake}
          onToggle={() => selection.toggle(c.id)}
          onView={() => takes.showDetails(c)}
          onRegenerate={() => takes.regenerate(c)}
          onCompare={() => newTake && takes.compare(c, newTake)}
          onReject={() => {
            selection.remove(c.id);
            void act("reject", () => api("POST", `/api/assets/${c.id}/reject`));
          }}
          canChange={reviewable}
          canReject={canReject && busy === undefined}
        />
      </li>
    );
  };

  return (
    <div className="space-y-4">
      <Panel
        title="Clips"
        description={
          generating
            ? "Each chosen image is being animated; clips appear as they finish."
            : "Hover or focus a clip to play it. Select the ones for your ad and put them in order."
        }
      >
        <ul
          className="grid grid-cols-2 gap-3 sm:grid-cols-3"
          aria-label="Generated clips"
          data-testid="clip-grid"
        >
          {cards.map((c) => card(c, newTakeOf.get(c.id)))}
          {Array.from({ length: placeholders }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: placeholders are identical; only their count matters
            <li key={`placeholder-${i}`}>
              <CardPlaceholder ratio={ratio} />
            </li>
          ))}
        </ul>
        {earlier.length > 0 ? (
          <details className="mt-4">
            <summary className="cursor-pointer text-sm text-slate-600">
              Clips from earlier runs ({earlier.length})
            </summary>
            <ul className="mt-3 grid grid-cols-2 gap-3 sm:grid-cols-3">
              {earlier.map((c) => card(c))}
            </ul>
          </details>
        ) : null}
        <SetAsideGroup
          assets={setAside}
          what="clip"
          nameOf={(c) => `set-aside clip ${setAside.indexOf(c) + 1}`}
          thumb={thumbOf}
          canRestore={canReject}
          refresh={refresh}
        />
      </Panel>

      {reviewable ? (
        <Panel title="Your edit" description="The chosen clips, in the order the ad plays them.">
          {selected.length === 0 ? (
            <p className="text-sm text-slate-500">Select clips above; they line up here.</p>
          ) : (
            <SortableStrip
              label="Order of the chosen clips"
              testId="clip-order"
              items={selected.map((id) => ({
                id,
                label: nameOf(byId.get(id)!),
                thumb: thumbOf(byId.get(id)!),
              }))}
              onReorder={selection.reorder}
              onRemove={selection.remove}
            />
          )}
        </Panel>
      ) : null}

      {reviewable || stoppedHere ? (
        <div className="rounded-xl border border-slate-200 bg-white">
          <button
            type="button"
            className="flex w-full items-center justify-between px-4 py-3 text-left text-sm font-medium text-slate-800"
            aria-expanded={showSettings || stoppedHere}
            onClick={() => setShowSettings((v) => !v)}
          >
            Change the scene, length or camera and make new clips
            <span aria-hidden>{showSettings || stoppedHere ? "−" : "+"}</span>
          </button>
          {showSettings || stoppedHere ? (
            <div className="border-t border-slate-100 p-2">
              <ClipSettings
                detail={detail}
                refresh={refresh}
                previous={cards}
                onChangeImages={onChangeImages}
              />
            </div>
          ) : null}
        </div>
      ) : null}

      {reviewable ? (
        <SelectionFooter
          testId="clip-summary"
          error={error}
          summary={
            <>
              <span className="font-semibold">
                Selected {selected.length} of {readyIds.size}
              </span>{" "}
              · {usd(clipCost)} · final ad about{" "}
              <span data-testid="final-duration">{seconds(duration)}</span>
            </>
          }
          action={
            <Button
              onClick={continueToFinish}
              onPointerEnter={() => prefetchStep("finish")}
              onFocus={() => prefetchStep("finish")}
              disabled={selected.length < 1 || busy !== undefined}
              data-testid="continue-to-finish"
            >
              {busy ? "Saving…" : "Continue to finish"}
            </Button>
          }
        />
      ) : null}
      {takes.dialogs}
    </div>
  );
}
