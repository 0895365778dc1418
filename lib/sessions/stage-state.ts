// Where a session stands, in the terms the operations decide on and the words of their
// messages. The rules themselves are ./stage-rules.ts, shared with the studio.
import type { Session } from "../db/schema";

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
