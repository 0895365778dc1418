"use client";

import { imagesReady, isWorking } from "@/lib/sessions/stage-rules";
import { LIMITS } from "./ad-options";
import { api } from "./api";
import { usd } from "./format";
import { ImageCard, viewLabel } from "./image-card";
import { AssetImage, CardPlaceholder } from "./media";
import { SelectionFooter } from "./selection-footer";
import type { AssetView, SessionDetail } from "./session-types";
import { SetAsideGroup } from "./set-aside-group";
import { SortableStrip } from "./sortable-strip";
import { StartStage } from "./start-stage";
import { prefetchStep } from "./step-loaders";
import { useTakeDialogs } from "./take-dialogs";
import { groupTakes } from "./takes";
import { Button } from "./ui/button";
import { Panel } from "./ui/card";
import { useAction } from "./use-action";
import { useSelection } from "./use-selection";

const READY = (a: AssetView) => a.status === "completed" || a.status === "approved";

/** The mood board: images arrive one by one; pick at least two, order them, redo or reject any. */
export function ImagesStep({
  detail,
  refresh,
  onContinue,
}: {
  detail: SessionDetail;
  refresh: () => void;
  onContinue: () => void;
}) {
  const s = detail.session;
  const ratio = s.aspectRatio;
  const { run, busy, error } = useAction(refresh);
  const selection = useSelection(s.approvedImageIds);
  const nameOf = (a: AssetView) => `${viewLabel(a)} (image ${detail.images.indexOf(a) + 1})`;
  const takes = useTakeDialogs({
    what: "image",
    refresh,
    nameOf,
    render: (a) => <AssetImage asset={a} ratio={ratio} alt={nameOf(a)} eager />,
    onKeep: (keep, drop, current) => {
      if (keep.id !== current.id) selection.replace(drop.id, keep.id);
    },
  });

  const { cards, newTakeOf, setAside } = groupTakes(detail.images);
  const readyIds = new Set(cards.filter(READY).map((a) => a.id));
  const selected = selection.ids.filter((id) => readyIds.has(id));
  const byId = new Map(detail.images.map((a) => [a.id, a]));
  const generating = s.status === "prompting" || s.status === "generating_images";
  const reviewable = imagesReady(s);
  // The server sets images aside (and restores them) whenever nothing is being made.
  const canReject = !isWorking(s.status);
  const placeholders = generating
    ? Math.max(0, (s.numImages ?? 6) - cards.filter((a) => a.source !== "user-upload").length)
    : 0;
  const imageCost = detail.images.reduce((sum, a) => sum + a.generationCost, 0);
  const enough = selected.length >= LIMITS.minApprovedImages;

  async function continueToClips() {
    if (!selection.dirty && s.approvedImageIds.join() === selected.join()) return onContinue();
    if (
      await run("approve", () =>
        api("PUT", `/api/sessions/${s.id}/approved-images`, { assetIds: selected }),
      )
    ) {
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
        start={(confirmEstimate) =>
          api("POST", `/api/sessions/${s.id}/generate-images`, { confirmEstimate })
        }
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
        <ul
          className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4"
          aria-label="Generated images"
          data-testid="image-grid"
        >
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
                  onView={() => takes.showDetails(a)}
                  onRegenerate={() => takes.regenerate(a)}
                  onReject={() => {
                    selection.remove(a.id);
                    void run("reject", () => api("POST", `/api/assets/${a.id}/reject`));
                  }}
                  onCompare={() => takes.compare(a, newTakeOf.get(a.id)!)}
                  canRegenerate={a.source !== "user-upload" && reviewable}
                  selectable={generating || reviewable}
                  canReject={canReject && busy === undefined}
                />
              </li>
            );
          })}
          {Array.from({ length: placeholders }, (_, i) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: placeholders are identical; only their count matters
            <li key={`placeholder-${i}`}>
              <CardPlaceholder ratio={ratio} />
            </li>
          ))}
        </ul>
        <SetAsideGroup
          assets={setAside}
          what="image"
          nameOf={nameOf}
          thumb={(a) => <AssetImage asset={a} ratio={ratio} alt={nameOf(a)} />}
          canRestore={canReject}
          refresh={refresh}
        />
      </Panel>

      <Panel
        title="Your storyboard"
        description="The chosen images, in the order the ad plays them."
      >
        {selected.length === 0 ? (
          <p className="text-sm text-slate-500">Select images above; they line up here.</p>
        ) : (
          <SortableStrip
            label="Order of the chosen images"
            testId="image-order"
            items={selected.map((id) => ({
              id,
              label: nameOf(byId.get(id)!),
              thumb: <AssetImage asset={byId.get(id)!} ratio={ratio} alt="" />,
            }))}
            onReorder={selection.reorder}
            onRemove={selection.remove}
          />
        )}
      </Panel>

      {generating || reviewable ? (
        <SelectionFooter
          testId="selection-summary"
          error={error}
          summary={
            <>
              <span className="font-semibold">
                Selected {selected.length} of {readyIds.size}
              </span>{" "}
              · {usd(imageCost)}
              {!enough ? (
                <span className="text-slate-500"> · pick at least {LIMITS.minApprovedImages}</span>
              ) : null}
            </>
          }
          action={
            <Button
              onClick={continueToClips}
              onPointerEnter={() => prefetchStep("clips")}
              onFocus={() => prefetchStep("clips")}
              disabled={!enough || !reviewable || busy !== undefined}
              data-testid="continue-to-clips"
            >
              {busy ? "Saving…" : generating ? "Waiting for the images…" : "Continue to clips"}
            </Button>
          }
        />
      ) : null}
      {takes.dialogs}
    </div>
  );
}
