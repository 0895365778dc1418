"use client";

import { useState } from "react";
import type { Ratio } from "./ad-options";
import { bytes, seconds, usd } from "./format";
import { aspectStyle, dimensions } from "./media";
import type { AssetView, SessionDetail } from "./session-types";
import { ShareLink } from "./share-link";
import { Button, ButtonLink } from "./ui/button";
import { Panel } from "./ui/card";
import { VariantsPanel } from "./variants-panel";

/** The format of a video from its metadata, else from its frame size. */
export function ratioOf(v: AssetView): Ratio {
  if (v.metadata.aspectRatio) return v.metadata.aspectRatio;
  const d = dimensions(v.resolution);
  return d.width === d.height ? "1:1" : d.width > d.height ? "16:9" : "9:16";
}

/** The newest finished video of each format, the session's main one first (A/B variants apart). */
export function latestVideos(detail: SessionDetail): AssetView[] {
  const done = detail.finalVideos.filter(
    (v) => (v.status === "completed" || v.status === "approved") && !v.variant,
  );
  const newest = [...done].sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)));
  const byRatio = new Map<Ratio, AssetView>();
  for (const v of newest) if (!byRatio.has(ratioOf(v))) byRatio.set(ratioOf(v), v);
  const main = done.find((v) => v.id === detail.session.finalVideoId);
  const list = [...byRatio.values()];
  return main ? [main, ...list.filter((v) => ratioOf(v) !== ratioOf(main))] : list;
}

const fileName = (title: string, ratio: string, ext = "mp4") =>
  `${
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "ad"
  }-${ratio.replace(":", "x")}.${ext}`;

/** The finished ad: it plays, its facts, downloads per format, the share link, and what next. */
export function DoneStep({
  detail,
  refresh,
  onRecompose,
}: {
  detail: SessionDetail;
  refresh: () => void;
  onRecompose: () => void;
}) {
  const s = detail.session;
  const videos = latestVideos(detail);
  const [chosen, setChosen] = useState<string>();
  const video = videos.find((v) => v.id === chosen) ?? videos[0];
  if (!video) return <Panel title="Done">The video is not ready yet.</Panel>;
  const d = dimensions(video.resolution, ratioOf(video));
  const poster = video.metadata.posterUrl;
  const title = s.productName || s.productPrompt || "ad";

  return (
    <div className="space-y-4">
      <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_minmax(0,20rem)]">
        <Panel
          title="Your ad is ready"
          description="It plays muted here; turn the sound on to hear the music."
        >
          {videos.length > 1 ? (
            <fieldset className="mb-3 inline-flex rounded-lg border border-slate-200 bg-white p-0.5 text-sm">
              <legend className="sr-only">Format</legend>
              {videos.map((v) => (
                <button
                  key={v.id}
                  type="button"
                  aria-pressed={v.id === video.id}
                  onClick={() => setChosen(v.id)}
                  className={`rounded-md px-3 py-1 font-medium ${v.id === video.id ? "bg-slate-900 text-white" : "text-slate-600"}`}
                >
                  {ratioOf(v)}
                </button>
              ))}
            </fieldset>
          ) : null}
          <div className="flex justify-center rounded-xl bg-slate-900 p-2">
            <video
              key={video.id}
              src={video.url}
              poster={poster}
              width={d.width}
              height={d.height}
              style={{ ...aspectStyle(d), maxHeight: "70vh" }}
              className="h-auto w-auto max-w-full rounded-lg"
              controls
              muted
              autoPlay
              playsInline
              preload="auto"
              data-testid="final-video"
              aria-label={`${title}, ${ratioOf(video)} video`}
            />
          </div>
          <dl className="mt-4 grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
            {[
              ["Duration", seconds(video.durationSeconds)],
              ["Resolution", video.resolution ?? "—"],
              ["File size", bytes(video.fileSizeBytes)],
              ["Total cost", usd(s.totalCost)],
            ].map(([k, v]) => (
              <div key={k} className="rounded-lg bg-slate-50 p-2">
                <dt className="text-xs text-slate-500">{k}</dt>
                <dd
                  className="font-medium tabular-nums"
                  data-testid={`fact-${k.toLowerCase().replace(" ", "-")}`}
                >
                  {v}
                </dd>
              </div>
            ))}
          </dl>
        </Panel>
        <div className="space-y-4">
          <Panel title="Download" headingLevel={2}>
            <ul className="space-y-2">
              {videos.map((v) => (
                <li key={v.id}>
                  <a
                    href={v.url}
                    download={fileName(title, ratioOf(v))}
                    className="flex items-center justify-between gap-3 rounded-lg border border-slate-300 bg-white px-3 py-2.5 text-sm font-semibold text-slate-800 shadow-sm hover:bg-slate-50"
                    data-testid={`download-${ratioOf(v)}`}
                  >
                    <span>↓ {ratioOf(v)} MP4</span>
                    <span className="text-xs font-normal text-slate-500">
                      {v.resolution} · {bytes(v.fileSizeBytes)}
                    </span>
                  </a>
                  {v.captionsSrtUrl && v.captionsVttUrl ? (
                    <p className="mt-1 flex gap-3 px-1 text-xs text-slate-600">
                      <span>Captions:</span>
                      <a
                        href={v.captionsSrtUrl}
                        download={fileName(title, ratioOf(v), "srt")}
                        className="font-medium text-slate-800 underline hover:text-slate-950"
                        data-testid={`captions-srt-${ratioOf(v)}`}
                      >
                        SRT<span className="sr-only"> for {ratioOf(v)}</span>
                      </a>
                      <a
                        href={v.captionsVttUrl}
                        download={fileName(title, ratioOf(v), "vtt")}
                        className="font-medium text-slate-800 underline hover:text-slate-950"
                        data-testid={`captions-vtt-${ratioOf(v)}`}
                      >
                        WebVTT<span className="sr-only"> for {ratioOf(v)}</span>
                      </a>
                    </p>
                  ) : null}
                </li>
              ))}
            </ul>
          </Panel>
          <Panel title="Share">
            <ShareLink sessionId={s.id} refresh={refresh} />
          </Panel>
          <Panel title="What next?">
            <div className="flex flex-wrap gap-2">
              <Button variant="secondary" onClick={onRecompose} data-testid="recompose">
                Change text, music or formats
              </Button>
              <ButtonLink href="/new">Start another ad</ButtonLink>
            </div>
            <p className="mt-2 text-xs text-slate-500">
              Re-composing keeps your images and clips; only the final video is made again.
            </p>
          </Panel>
        </div>
      </div>
      <VariantsPanel detail={detail} refresh={refresh} />
    </div>
  );
}
