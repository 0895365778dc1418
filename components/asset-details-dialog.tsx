"use client";

import type { ReactNode } from "react";
import { seconds, usd } from "./format";
import type { AssetView } from "./session-types";
import { Dialog } from "./ui/dialog";

/** A larger view of one image or clip with how it was made and what it cost. */
export function AssetDetailsDialog({
  asset,
  title,
  media,
  onClose,
}: {
  asset?: AssetView;
  title: string;
  media?: ReactNode;
  onClose: () => void;
}) {
  const rows: [string, ReactNode][] = asset
    ? [
        ["Cost", usd(asset.generationCost)],
        ["Time", seconds(asset.generationTimeSeconds)],
        ["Model", asset.modelVersion ?? asset.source],
        ["Seed", asset.seed ?? "—"],
        ["Size", asset.resolution ?? "—"],
        ...(asset.cameraMovement
          ? ([["Camera", asset.cameraMovement.replace("_", " ")]] as [string, ReactNode][])
          : []),
        ...(asset.durationSeconds
          ? ([["Duration", seconds(asset.durationSeconds)]] as [string, ReactNode][])
          : []),
      ]
    : [];
  return (
    <Dialog open={Boolean(asset)} onClose={onClose} wide title={title}>
      {asset ? (
        <div className="grid gap-4 sm:grid-cols-[minmax(0,16rem)_1fr]">
          <div className="overflow-hidden rounded-lg">{media}</div>
          <div className="space-y-3 text-sm">
            <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1">
              {rows.map(([k, v]) => (
                <div key={k} className="contents">
                  <dt className="text-slate-500">{k}</dt>
                  <dd className="text-slate-900">{v}</dd>
                </div>
              ))}
            </dl>
            {asset.prompt || asset.scenePrompt ? (
              <div>
                <p className="text-slate-500">Prompt</p>
                <p className="mt-0.5 text-slate-800">{asset.scenePrompt ?? asset.prompt}</p>
              </div>
            ) : null}
          </div>
        </div>
      ) : null}
    </Dialog>
  );
}
