// Where a session stands, in the terms the operations decide on. `current_stage` keeps the
// last stage that ran, also after a session failed or was cancelled there.
import type { Session } from "../db/schema";

export type StageName = "images" | "clips" | "compose";

const RUNNING: Session["status"][] = [
  "prompting",
  "generating_images",
  "generating_videos",
  "composing",
];

export const isRunning = (s: Session) => RUNNING.includes(s.status);
export const isStopped = (s: Session) => s.status === "failed" || s.status === "cancelled";

/** The stage a failed or cancelled session stopped in (prompt parsing belongs to images). */
export function stoppedStage(s: Session): StageName {
  if (s.currentStage === "video_gen") return "clips";
  if (s.currentStage === "composition") return "compose";
  return "images";
}

/** The images exist and the image stage is over: the mood board can be used. */
export function imagesReady(s: Session): boolean {
  if (["reviewing_images", "reviewing_videos", "completed"].includes(s.status)) return true;
  return isStopped(s) && stoppedStage(s) !== "images";
}

/** The clip stage is over: clips can be approved, ordered and regenerated. */
export function clipsReady(s: Session): boolean {
  if (["reviewing_videos", "completed"].includes(s.status)) return true;
  return isStopped(s) && stoppedStage(s) === "compose";
}

const STATUS_WORDS: Record<Session["status"], string> = {
  created: "not started yet",
  prompting: "reading its description",
  generating_images: "making its images",
  reviewing_images: "waiting for you to pick its images",
  generating_videos: "animating its clips",
  reviewing_videos: "waiting for you to pick its clips",
  composing: "composing its video",
  completed: "finished",
  failed: "stopped by a problem",
  cancelled: "cancelled",
};

/** Where the ad is, in a marketer's words, for messages: "this ad is making its images". */
export const statusText = (s: Session) => STATUS_WORDS[s.status];
