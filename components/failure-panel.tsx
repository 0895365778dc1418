"use client";

import { useState } from "react";
import { api } from "./api";
import { plural } from "./format";
import type { SessionDetail } from "./session-types";
import type { Step } from "./steps";
import { Alert } from "./ui/alert";
import { Button, ButtonLink } from "./ui/button";
import { Dialog } from "./ui/dialog";
import { useAction } from "./use-action";

const STAGE_WORDS: Record<string, string> = {
  prompt_parsing: "reading your description",
  image_gen: "generating the images",
  video_gen: "animating the clips",
  composition: "composing the video",
};

/** What was made and is safe: counted from the assets the server still has. */
export function keptSummary(detail: SessionDetail): string {
  const ok = (s: string) => s === "completed" || s === "approved";
  const parts = [
    plural(detail.images.filter((a) => ok(a.status) && a.source !== "user-upload").length, "image"),
  ];
  const clips = detail.videoClips.filter((a) => ok(a.status)).length;
  if (clips) parts.push(plural(clips, "clip"));
  const videos = detail.finalVideos.filter((a) => ok(a.status)).length;
  if (videos) parts.push(plural(videos, "finished video"));
  return parts.join(", ");
}

/**
 * A stopped ad: what happened in plain words, what is kept, and the ways forward —
 * Retry (re-runs only what is missing), Edit (change the step's settings) and Cancel.
 */
export function FailurePanel({
  detail,
  refresh,
  onEdit,
}: {
  detail: SessionDetail;
  refresh: () => void;
  onEdit: (step: Step) => void;
}) {
  const s = detail.session;
  const { run, busy, error } = useAction(refresh);
  const [confirmCancel, setConfirmCancel] = useState(false);
  const stage = STAGE_WORDS[s.currentStage ?? ""] ?? "working on your ad";
  const editStep: Step | undefined =
    s.currentStage === "video_gen"
      ? "clips"
      : s.currentStage === "composition"
        ? "finish"
        : undefined;
  const failed = s.status === "failed";

  const retry = () => run("retry", () => api("POST", `/api/sessions/${s.id}/retry`, {}));
  const cancel = async () => {
    await run("cancel", () => api("POST", `/api/sessions/${s.id}/cancel`));
    setConfirmCancel(false);
  };

  return (
    <>
      <Alert
        tone={failed ? "error" : "warning"}
        title={
          failed ? `Something went wrong while ${stage}.` : `You cancelled this ad while ${stage}.`
        }
        actions={
          <>
            {editStep === "finish" ? (
              <Button onClick={() => onEdit("finish")} data-testid="retry">
                Compose again
              </Button>
            ) : (
              <Button onClick={retry} disabled={busy !== undefined} data-testid="retry">
                {busy === "retry" ? "Retrying…" : failed ? "Retry" : "Resume"}
              </Button>
            )}
            {editStep === "clips" ? (
              <Button
                variant="secondary"
                onClick={() => onEdit(editStep)}
                disabled={busy !== undefined}
              >
                Edit settings
              </Button>
            ) : editStep === "finish" ? null : (
              <ButtonLink variant="secondary" href="/new">
                Edit description (new ad)
              </ButtonLink>
            )}
            {failed ? (
              <Button
                variant="ghost"
                onClick={() => setConfirmCancel(true)}
                disabled={busy !== undefined}
              >
                Cancel this ad
              </Button>
            ) : null}
          </>
        }
      >
        <div data-testid="failure">
          {failed && s.errorMessage ? <p data-testid="failure-message">{s.errorMessage}</p> : null}
          <p className="mt-1">
            Kept: {keptSummary(detail)}.{" "}
            {failed
              ? "Retry runs only what is missing; nothing already made is paid for twice."
              : "Resume to finish what was left."}
          </p>
          {s.retryCount > 0 && failed ? (
            <p className="mt-1 text-xs opacity-80">Attempts so far: {s.retryCount}.</p>
          ) : null}
        </div>
        {error ? <p className="mt-2 font-medium">{error}</p> : null}
      </Alert>
      <Dialog
        open={confirmCancel}
        onClose={() => setConfirmCancel(false)}
        title="Cancel this ad?"
        description="Everything made so far is kept, and you can resume later."
        footer={
          <>
            <Button variant="secondary" onClick={() => setConfirmCancel(false)}>
              Keep it
            </Button>
            <Button variant="danger" onClick={cancel} disabled={busy !== undefined}>
              Cancel the ad
            </Button>
          </>
        }
      />
    </>
  );
}
