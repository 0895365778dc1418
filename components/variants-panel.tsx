"use client";

import { useEffect, useRef, useState } from "react";
import { api } from "./api";
import { bytes, usd } from "./format";
import { aspectStyle, dimensions } from "./media";
import type { AssetView, SessionDetail } from "./session-types";
import { Alert } from "./ui/alert";
import { Button } from "./ui/button";
import { Panel } from "./ui/card";
import { ChoiceGroup, MultiChoiceGroup } from "./ui/choice-group";
import { useAction } from "./use-action";
import { useEstimate } from "./use-estimate";

// A/B variants of the finished ad (POST /api/sessions/:id/variants): pick what differs and
// how many, then watch them side by side — one button plays them all from the same moment —
// and download each. Labels A, B, C… come from the server.

const VARY = [
  { value: "hook", label: "Hook" },
  { value: "callToAction", label: "Call to action" },
  { value: "musicGenre", label: "Music" },
  { value: "clipOrder", label: "Clip order" },
  { value: "captionStyle", label: "Caption style" },
] as const;
type VaryKey = (typeof VARY)[number]["value"];
const COUNTS = ["2", "3", "4", "5", "6"] as const;

type Settings = NonNullable<AssetView["variantSettings"]>;

/** "steel-bottle-variant-b-9x16.mp4" */
const fileName = (title: string, label: string, ratio: string) =>
  `${
    title
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || "ad"
  }-variant-${label.toLowerCase()}-${ratio.replace(":", "x")}.mp4`;

/** The variants of the newest variants run that produced any, A first. */
export function latestVariants(detail: SessionDetail): AssetView[] {
  const all = detail.finalVideos.filter(
    (v) => v.variant && (v.status === "completed" || v.status === "approved"),
  );
  const run = Math.max(...all.map((v) => v.metadata.composeRun ?? 0));
  return all
    .filter((v) => (v.metadata.composeRun ?? 0) === run)
    .sort((a, b) => String(a.variant).localeCompare(String(b.variant)));
}

export function VariantsPanel({ detail, refresh }: { detail: SessionDetail; refresh: () => void }) {
  const variants = latestVariants(detail);
  return (
    <div className="space-y-4">
      {variants.length ? <VariantsView detail={detail} variants={variants} /> : null}
      <MakeVariants detail={detail} refresh={refresh} />
    </div>
  );
}

function MakeVariants({ detail, refresh }: { detail: SessionDetail; refresh: () => void }) {
  const s = detail.session;
  const { run, busy, error } = useAction(refresh);
  const [count, setCount] = useState<(typeof COUNTS)[number]>("3");
  // New words reach the viewer only through captions or the voice-over.
  const wordsShown = !!(s.metadata.compose?.captions?.enabled || s.metadata.voiceOver?.enabled);
  const [vary, setVary] = useState<VaryKey[]>(
    wordsShown ? ["hook", "callToAction"] : ["callToAction"],
  );
  const englishScript = s.script?.language === "en";
  const choices = VARY.map((c) => ({
    ...c,
    disabled:
      (c.value === "clipOrder" && s.approvedClipIds.length < 2) ||
      (c.value === "hook" && (!englishScript || (!wordsShown && !vary.includes("captionStyle")))),
  }));
  const chosen = vary.filter((v) => !choices.find((c) => c.value === v)?.disabled);
  // Priced as the request will be: the amount shown is the one confirmed.
  const priced = useEstimate(
    chosen.length && s.status === "completed" ? s.id : undefined,
    "compose",
    { count, vary: chosen.join(",") },
  );
  return (
    <Panel
      title="Make variants"
      description="Versions of this ad for an A/B test: variant A is the ad as composed, the others change what you pick. Each one is a render; new music or voice-overs are charged as in a compose."
      data-testid="make-variants"
    >
      <div className="space-y-4">
        <MultiChoiceGroup
          legend="What differs"
          name="vary"
          choices={choices}
          values={chosen}
          onChange={(v) => setVary(v)}
          error={chosen.length ? undefined : "Pick at least one thing to vary."}
          hint={
            wordsShown
              ? undefined
              : "The hook is seen only in captions: vary the caption style too to vary the hook."
          }
        />
        <ChoiceGroup
          legend="How many variants"
          name="variant-count"
          choices={COUNTS.map((c) => ({ value: c, label: c }))}
          value={count}
          onChange={setCount}
        />
        {error || priced.error ? <Alert>{error ?? priced.error}</Alert> : null}
        {s.status === "composing" ? (
          <Alert tone="info">
            Making your variants: they appear here, side by side, once all are ready.
          </Alert>
        ) : null}
        <Button
          disabled={!chosen.length || !!busy || s.status !== "completed" || !priced.estimate}
          onClick={() =>
            run("variants", () =>
              api("POST", `/api/sessions/${s.id}/variants`, {
                count: Number(count),
                vary: chosen,
                confirmEstimate: priced.estimate?.amount,
              }),
            )
          }
          data-testid="make-variants-submit"
        >
          {busy
            ? "Starting…"
            : `Make ${count} variants${priced.estimate ? ` · ${usd(priced.estimate.amount)}` : ""}`}
        </Button>
      </div>
    </Panel>
  );
}

/** Side by side, each with its settings and download; one button plays all in sync. */
function VariantsView({ detail, variants }: { detail: SessionDetail; variants: AssetView[] }) {
  const s = detail.session;
  const refs = useRef(new Map<string, HTMLVideoElement>());
  const [playing, setPlaying] = useState(false);
  const [sound, setSound] = useState("none");
  const title = s.productName || s.productPrompt || "ad";
  const clipNumber = (id: string) => s.approvedClipIds.indexOf(id) + 1 || "?";

  useEffect(() => {
    for (const [label, el] of refs.current) el.muted = sound !== label;
  }, [sound]);

  const videos = () => [...refs.current.values()];
  const toggle = async () => {
    const all = videos();
    if (playing) {
      for (const v of all) v.pause();
      setPlaying(false);
      return;
    }
    // From the same moment: where the first one is, or the start once any has ended.
    const at = all.some((v) => v.ended) ? 0 : (all[0]?.currentTime ?? 0);
    for (const v of all)
      v.currentTime = Math.min(at, Number.isFinite(v.duration) ? v.duration : at);
    setPlaying(true);
    await Promise.all(all.map((v) => v.play().catch(() => {})));
  };
  const onEnded = () => {
    if (videos().every((v) => v.ended || v.paused)) setPlaying(false);
  };

  return (
    <Panel
      title="Variants side by side"
      description="One button plays them all from the same moment; choose which one you hear."
      data-testid="variants-view"
      actions={
        <>
          <label className="flex items-center gap-2 text-sm text-slate-700">
            Sound
            <select
              value={sound}
              onChange={(e) => setSound(e.target.value)}
              className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm"
              data-testid="variants-sound"
            >
              <option value="none">Off</option>
              {variants.map((v) => (
                <option key={v.id} value={v.variant ?? ""}>
                  Variant {v.variant}
                </option>
              ))}
            </select>
          </label>
          <Button onClick={toggle} data-testid="variants-play" aria-pressed={playing}>
            {playing ? "Pause all" : "Play all"}
          </Button>
        </>
      }
    >
      <ul
        className="grid gap-4"
        style={{ gridTemplateColumns: "repeat(auto-fit, minmax(min(100%, 11rem), 1fr))" }}
      >
        {variants.map((v) => {
          const d = dimensions(v.resolution, v.aspectRatio ?? s.aspectRatio);
          const label = v.variant ?? "";
          const settings = v.variantSettings;
          return (
            <li key={v.id} className="min-w-0" data-testid={`variant-${label}`}>
              <h3 className="mb-1.5 flex items-baseline gap-2 text-sm font-semibold text-slate-900">
                <span className="rounded bg-slate-900 px-1.5 py-0.5 text-xs text-white">
                  {label}
                </span>
                <span className="truncate">{settings?.label ?? `Variant ${label}`}</span>
              </h3>
              <div className="flex justify-center rounded-lg bg-slate-900 p-1">
                <video
                  ref={(el) => {
                    if (el) refs.current.set(label, el);
                    else refs.current.delete(label);
                  }}
                  src={v.url ?? undefined}
                  poster={v.posterUrl ?? undefined}
                  width={d.width}
                  height={d.height}
                  style={{ ...aspectStyle(d), maxHeight: "50vh" }}
                  className="h-auto w-auto max-w-full rounded"
                  muted
                  playsInline
                  preload="auto"
                  onEnded={onEnded}
                  aria-label={`Variant ${label} of ${title}`}
                />
              </div>
              {settings ? <SettingsList settings={settings} clipNumber={clipNumber} /> : null}
              <a
                href={v.url ?? undefined}
                download={fileName(title, label, v.aspectRatio ?? s.aspectRatio)}
                className="mt-2 flex items-center justify-between gap-2 rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm font-semibold text-slate-800 shadow-sm hover:bg-slate-50"
                data-testid={`variant-download-${label}`}
              >
                <span>↓ Variant {label}</span>
                <span className="text-xs font-normal text-slate-600">{bytes(v.fileSizeBytes)}</span>
              </a>
            </li>
          );
        })}
      </ul>
    </Panel>
  );
}

function SettingsList({
  settings,
  clipNumber,
}: {
  settings: Settings;
  clipNumber: (id: string) => number | string;
}) {
  const rows: [string, string][] = [
    ["Hook", settings.hook || "—"],
    ["Call to action", settings.callToAction || "—"],
    ["Music", settings.musicGenre ?? "none"],
    ["Clips", settings.clipOrder.map(clipNumber).join(" · ")],
    ["Captions", settings.captionStyle ?? "none"],
  ];
  return (
    <dl className="mt-2 space-y-1 text-xs">
      {rows.map(([k, v]) => (
        <div key={k} className="flex gap-2">
          <dt className="w-24 shrink-0 text-slate-600">{k}</dt>
          <dd className="min-w-0 break-words font-medium text-slate-900">{v}</dd>
        </div>
      ))}
    </dl>
  );
}
