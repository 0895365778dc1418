// One estimate for the whole batch: each row's ad priced stage by stage with the same price
// table and functions as a single ad's estimate (lib/sessions/estimate.ts), for the choices
// the batch makes for it — images, the approved ones made into clips, and one composition
// without music or voice — and added up. `calls` counts the provider calls it plans, which
// the cost ledger counts one row each.
import type { BatchSettings, Session } from "../db/schema";
import { type EstimateLine, estimateStage } from "../sessions/estimate";

export type BatchEstimate = { amount: number; calls: number; perAd: number; lines: EstimateLine[] };

const round = (usd: number) => Math.round(usd * 10_000) / 10_000;

/** A session as the batch will create it, for pricing before it exists. */
function plannedSession(settings: BatchSettings): Session {
  return {
    quality: settings.quality,
    numImagesRequested: settings.numImages,
    clipDurationSeconds: String(settings.clipDurationSeconds),
    approvedImageIds: [],
    approvedClipIds: [],
    backgroundMusicEnabled: false,
    aspectRatio: settings.aspectRatio,
  } as unknown as Session;
}

/** What one ad of the batch is planned to cost. */
export function estimateAd(settings: BatchSettings, stopAt: "review" | "done"): EstimateLine[] {
  const s = plannedSession(settings);
  const lines = [...estimateStage(s, "images", { images: settings.numImages }).breakdown];
  if (stopAt === "done") {
    lines.push(
      ...estimateStage(s, "clips", {
        clips: settings.approveImages,
        clipDurationSeconds: settings.clipDurationSeconds,
      }).breakdown,
      ...estimateStage(s, "compose", {
        music: false,
        aspectRatios: [settings.aspectRatio],
        durationSeconds: settings.approveImages * settings.clipDurationSeconds,
      }).breakdown,
    );
  }
  return lines;
}

export function estimateBatch(
  settings: BatchSettings,
  stopAt: "review" | "done",
  rows: number,
): BatchEstimate {
  const ad = estimateAd(settings, stopAt);
  const perAd = round(ad.reduce((sum, l) => sum + l.amount, 0));
  const lines = ad.map((l) => ({
    ...l,
    quantity: l.quantity * rows,
    amount: round(l.amount * rows),
  }));
  return {
    amount: round(perAd * rows),
    calls: lines.reduce((n, l) => n + l.quantity, 0),
    perAd,
    lines,
  };
}
