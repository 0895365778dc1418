"use client";

import dynamic from "next/dynamic";
import { useEffect, useState } from "react";
import { isWorking } from "@/lib/sessions/stage-rules";
import { CancelButton } from "./cancel-button";
import { ConnectionIndicator } from "./connection-indicator";
import { CostPanel } from "./cost-panel";
import { FailurePanel } from "./failure-panel";
import type { SessionDetail } from "./session-types";
import { Stepper } from "./stepper";
import { currentStep, STATUS_LABELS, STEPS, type Step, statusTone } from "./steps";
import { Badge } from "./ui/badge";
import { ButtonLink } from "./ui/button";
import { ProgressBar } from "./ui/progress-bar";
import { Skeleton } from "./ui/skeleton";
import { useSessionDetail } from "./use-session-detail";

// Each step's code loads when the step is shown (server-rendered all the same), so a page
// carries only the step it opens on.
const loading = () => <Skeleton className="h-96 rounded-2xl" label="Loading this step…" />;
const ImagesStep = dynamic(() => import("./images-step").then((m) => m.ImagesStep), { loading });
const ClipsStep = dynamic(() => import("./clips-step").then((m) => m.ClipsStep), { loading });
const FinishStep = dynamic(() => import("./finish-step").then((m) => m.FinishStep), { loading });
const DoneStep = dynamic(() => import("./done-step").then((m) => m.DoneStep), { loading });

/** One ad's workspace: the stepper, the step on screen, progress, failures and the cost panel. */
export function Workspace({ initial }: { initial: SessionDetail }) {
  const { detail, refresh, event, connection, gone } = useSessionDetail(initial);
  const s = detail.session;
  const current = currentStep(s);
  const [viewing, setViewing] = useState<Step>();
  // When the ad moves to another step, the page follows it.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `current` changing is the trigger
  useEffect(() => setViewing(undefined), [current]);
  const shown = viewing ?? current;
  const reachable = (step: Step) =>
    step === "done" ? detail.finalVideos.length > 0 : STEPS.indexOf(step) <= STEPS.indexOf(current);

  if (gone) {
    return (
      <div className="mx-auto max-w-md py-16 text-center" role="status">
        <h1 className="text-xl font-semibold">This ad was deleted</h1>
        <p className="mt-2 text-slate-600">It was removed, perhaps in another tab.</p>
        <ButtonLink href="/" className="mt-6">
          Go to your ads
        </ButtonLink>
      </div>
    );
  }

  const working = isWorking(s.status);
  const costKey = [
    s.totalCost,
    detail.images.length,
    detail.videoClips.length,
    detail.finalVideos.length,
    s.status,
  ].join("|");
  const stopped = s.status === "failed" || s.status === "cancelled";

  return (
    <div className="space-y-5" data-testid="workspace" data-status={s.status}>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div className="min-w-0">
          <h1 className="truncate text-xl font-semibold tracking-tight sm:text-2xl">
            {s.productName || s.productPrompt}
          </h1>
          <div className="mt-1 flex flex-wrap items-center gap-2 text-sm text-slate-600">
            <Badge tone={statusTone(s.status)}>
              <span data-testid="session-status">{STATUS_LABELS[s.status]}</span>
            </Badge>
            {s.productCategory ? <span className="capitalize">{s.productCategory}</span> : null}
            <span aria-hidden>·</span>
            <span>{s.aspectRatio}</span>
          </div>
        </div>
        <div className="flex items-center gap-2">
          <ConnectionIndicator connection={connection} />
          {working ? <CancelButton sessionId={s.id} refresh={refresh} /> : null}
        </div>
      </div>

      <Stepper
        current={current}
        viewing={shown}
        reachable={reachable}
        onSelect={(step) => setViewing(step === current ? undefined : step)}
      />

      {working ? (
        <ProgressBar
          value={s.progress}
          label={
            event && event.status === s.status && event.message
              ? event.message
              : progressText(detail)
          }
        />
      ) : null}
      {stopped ? <FailurePanel detail={detail} refresh={refresh} onEdit={setViewing} /> : null}

      <div className="grid gap-5 lg:grid-cols-[minmax(0,1fr)_17rem]">
        <div className="min-w-0">
          {shown === "images" ? (
            <ImagesStep detail={detail} refresh={refresh} onContinue={() => setViewing("clips")} />
          ) : null}
          {shown === "clips" ? (
            <ClipsStep
              detail={detail}
              refresh={refresh}
              onContinue={() => setViewing("finish")}
              onChangeImages={() => setViewing("images")}
            />
          ) : null}
          {shown === "finish" ? <FinishStep detail={detail} refresh={refresh} /> : null}
          {shown === "done" ? (
            <DoneStep detail={detail} refresh={refresh} onRecompose={() => setViewing("finish")} />
          ) : null}
        </div>
        <aside className="lg:sticky lg:top-20 lg:self-start">
          <CostPanel session={s} version={costKey} refresh={refresh} />
        </aside>
      </div>
    </div>
  );
}

/** A message from the data when no live event has said anything yet (a reload mid-stage). */
function progressText(detail: SessionDetail): string {
  const s = detail.session;
  const done = (list: { status: string }[]) =>
    list.filter((a) => a.status === "completed" || a.status === "approved").length;
  switch (s.status) {
    case "prompting":
      return "Reading your description…";
    case "generating_images":
      return `Generating images… ${done(detail.images.filter((a) => a.source !== "user-upload"))} of ${s.numImages} ready`;
    case "generating_videos":
      return `Animating clips… ${done(detail.videoClips.filter((c) => s.generatedClipIds.includes(c.id)))} ready`;
    case "composing":
      return "Composing your ad…";
    default:
      return STATUS_LABELS[s.status];
  }
}
