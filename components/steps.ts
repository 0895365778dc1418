// Where an ad is in the pipeline, in the words of the studio's four steps.
import { isWorking } from "@/lib/sessions/stage-rules";
import type { SessionStatus, SessionView } from "./session-types";

export const STEPS = ["images", "clips", "finish", "done"] as const;
export type Step = (typeof STEPS)[number];

export const STEP_LABELS: Record<Step, string> = {
  images: "Images",
  clips: "Clips",
  finish: "Finish",
  done: "Done",
};

const STAGE_STEP: Record<string, Step> = {
  prompt_parsing: "images",
  image_gen: "images",
  video_gen: "clips",
  composition: "finish",
};

/** The step an ad is at; failed and cancelled ads stay at the step whose work stopped. */
export function currentStep(
  s: Pick<SessionView, "status" | "currentStage" | "approvedImageIds" | "approvedClipIds"> &
    Partial<Pick<SessionView, "metadata">>,
): Step {
  switch (s.status) {
    case "created":
    case "prompting":
    case "generating_images":
      return "images";
    // Approving is the end of a review step: the ad is then waiting at the next one.
    case "reviewing_images":
      return s.approvedImageIds.length >= 2 ? "clips" : "images";
    case "generating_videos":
      return "clips";
    case "reviewing_videos":
      return s.approvedClipIds.length >= 1 ? "finish" : "clips";
    case "composing":
      // A/B variants are made from the Done step, which stays on screen while they render.
      return s.metadata?.variants && s.metadata.variants.composeRun === s.metadata.compose?.run
        ? "done"
        : "finish";
    case "completed":
      return "done";
    case "failed":
    case "cancelled":
      return STAGE_STEP[s.currentStage ?? ""] ?? "images";
  }
}

export const STATUS_LABELS: Record<SessionStatus, string> = {
  created: "Waiting for your go",
  prompting: "Reading your description",
  generating_images: "Generating images",
  reviewing_images: "Choose images",
  generating_videos: "Animating clips",
  reviewing_videos: "Choose clips",
  composing: "Composing the video",
  completed: "Ready",
  failed: "Stopped by a problem",
  cancelled: "Cancelled",
};

export function statusTone(
  status: SessionStatus,
): "neutral" | "brand" | "success" | "warning" | "danger" | "info" {
  if (status === "completed") return "success";
  if (status === "failed") return "danger";
  if (status === "cancelled") return "neutral";
  if (isWorking(status)) return "info";
  return "warning"; // waiting on the marketer
}

/** The next thing to do, for "Resume" buttons. */
export function nextAction(status: SessionStatus): string {
  switch (status) {
    case "created":
      return "Review the estimate";
    case "reviewing_images":
      return "Choose images";
    case "reviewing_videos":
      return "Choose clips";
    case "completed":
      return "Open";
    case "failed":
      return "See what happened";
    case "cancelled":
      return "Open";
    default:
      return "Watch progress";
  }
}
