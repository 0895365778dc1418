// Where a session stands, as rules both sides need: the API decides with them what a request
// may do, and the studio what to offer. Pure and free of server code (types only), so client
// components import it too. `current_stage` keeps the last stage that ran, also after a
// session failed or was cancelled there.
import type { Session } from "../db/schema";

type Status = Session["status"];
type Where = Pick<Session, "status" | "currentStage">;

export type StageName = "images" | "clips" | "compose";

export const WORKING_STATUSES: Status[] = [
  "prompting",
  "generating_images",
  "generating_videos",
  "composing",
];

/** Work is running (the studio shows progress and a cancel control; the API refuses other changes). */
export const isWorking = (status: Status) => WORKING_STATUSES.includes(status);

/** The session failed or was cancelled: retry resumes its stage. */
export const isStopped = (status: Status) => status === "failed" || status === "cancelled";

/** The stage a failed or cancelled session stopped in (prompt parsing belongs to images). */
export function stoppedStage(s: Pick<Session, "currentStage">): StageName {
  if (s.currentStage === "video_gen") return "clips";
  if (s.currentStage === "composition") return "compose";
  return "images";
}

/** The images exist and the image stage is over: the mood board can be used. */
export function imagesReady(s: Where): boolean {
  if (["reviewing_images", "reviewing_videos", "completed"].includes(s.status)) return true;
  return isStopped(s.status) && stoppedStage(s) !== "images";
}

/** The clip stage is over: clips can be approved, ordered and regenerated. */
export function clipsReady(s: Where): boolean {
  if (["reviewing_videos", "completed"].includes(s.status)) return true;
  return isStopped(s.status) && stoppedStage(s) === "compose";
}
