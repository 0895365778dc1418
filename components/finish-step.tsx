"use client";

import { useRef, useState } from "react";
import { AD_FONTS, type AdFontId } from "@/app/fonts";
import { GENRES, LIMITS, RATIOS, type Genre, type Ratio } from "./ad-options";
import { api } from "./api";
import { latestVideos, ratioOf } from "./done-step";
import { seconds, usd } from "./format";
import type { SessionDetail } from "./session-types";
import { StartStage } from "./start-stage";
import { finalDuration } from "./timing";
import { TitlePreview } from "./title-preview";
import { Alert } from "./ui/alert";
import { Button } from "./ui/button";
import { ChoiceGroup, MultiChoiceGroup } from "./ui/choice-group";
import { Field } from "./ui/field";

const HEX = /^#[0-9a-fA-F]{6}$/;
const BASE_SWATCHES = ["#FFFFFF", "#111111", "#FACC15", "#F43F5E", "#4F46E5"];

/** Product name, call to action, colour, font, music and formats, with a live preview, then compose. */
export function FinishStep({ detail, refresh }: { detail: SessionDetail; refresh: () => void }) {
  const s = detail.session;
  const meta = s.metadata as { parse?: { productName?: string; palette?: string[] } };
  const [name, setName] = useState(s.productName ?? meta.parse?.productName ?? "");
  const [cta, setCta] = useState(s.callToAction ?? "Shop now");
  const [color, setColor] = useState((s.textColor ?? "#FFFFFF").toUpperCase());
  const [font, setFont] = useState<AdFontId>((s.textFont as AdFontId) in AD_FONTS ? (s.textFont as AdFontId) : "inter");
  const [music, setMusic] = useState(s.backgroundMusicEnabled ?? false);
  const [genre, setGenre] = useState<Genre>((GENRES as readonly string[]).includes(s.musicGenre ?? "") ? (s.musicGenre as Genre) : "upbeat");
  const [ratios, setRatios] = useState<Ratio[]>(initialRatios(detail));
  const composing = s.status === "composing";

  const clips = s.approvedClipIds.map((id) => detail.videoClips.find((c) => c.id === id)).filter((c) => c !== undefined);
  const first = clips[0];
  const poster = detail.images.find((i) => i.id === first?.sourceImageId)?.url;
  const duration = finalDuration(clips.map((c) => c.durationSeconds ?? s.clipDurationSeconds ?? 3));
  const palette = [...new Set([...(meta.parse?.palette ?? []).map((c) => c.toUpperCase()), ...BASE_SWATCHES])].slice(0, 7);
  const onReplicate = detail.images.some((a) => a.source !== "user-upload" && !a.source.startsWith("local-"));

  const problems = {
    name: !name.trim() ? "Give the product a name." : name.length > LIMITS.productName ? `At most ${LIMITS.productName} characters.` : undefined,
    cta: !cta.trim() ? "Add a call to action." : cta.length > LIMITS.callToAction ? `At most ${LIMITS.callToAction} characters.` : undefined,
    color: HEX.test(color) ? undefined : "Use a colour like #FFFFFF.",
    ratios: ratios.length ? undefined : "Pick at least one format.",
  };
  const valid = !Object.values(problems).some(Boolean) && clips.length > 0;

  if (clips.length === 0) {
    return <Alert tone="info">Choose at least one clip in the Clips step first.</Alert>;
  }

  return (
    <div className="space-y-4">
      <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_minmax(0,20rem)]">
        <fieldset disabled={composing} className="space-y-5 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
          <legend className="sr-only">Finishing touches</legend>
          <h2 className="text-base font-semibold">Finishing touches</h2>
          <Field id="productName" label="Product name" value={name} onChange={(e) => setName(e.target.value)} counter={{ value: name.length, max: LIMITS.productName }} error={problems.name} hint="Shown over the opening of the first clip." />
          <Field id="callToAction" label="Call to action" value={cta} onChange={(e) => setCta(e.target.value)} counter={{ value: cta.length, max: LIMITS.callToAction }} error={problems.cta} hint="Shown on the end card, e.g. “Shop now: 20% off”." />
          <ColourPicker value={color} onChange={setColor} swatches={palette} error={problems.color} />
          <FontPicker value={font} onChange={setFont} sample={name || "Your product"} />
          <MusicPicker on={music} onToggle={setMusic} genre={genre} onGenre={setGenre} onReplicate={onReplicate} />
          <MultiChoiceGroup
            legend="Formats to export"
            name="aspectRatios"
            values={ratios}
            onChange={setRatios}
            choices={RATIOS.map((r) => ({ value: r.value, label: r.label, hint: r.hint }))}
            hint="One edit, exported to each format you pick; text stays inside each format’s safe area."
            error={problems.ratios}
          />
        </fieldset>
        <section className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm" aria-label="Live preview">
          <h2 className="mb-3 text-base font-semibold">Preview</h2>
          <TitlePreview clip={first} poster={poster} ratios={ratios} productName={name} callToAction={cta} color={HEX.test(color) ? color : "#FFFFFF"} font={font} />
        </section>
      </div>
      {composing ? (
        <Alert tone="info">Composing your ad… you can leave this page; it keeps going.</Alert>
      ) : (
        <StartStage
          session={s}
          stage="compose"
          initialEstimate={detail.estimate?.stage === "compose" ? detail.estimate : undefined}
          title="Compose the ad"
          description={`${clips.length} clips, about ${seconds(duration)}, in ${ratios.join(", ") || "—"}.`}
          action={(amount) => `Compose ${ratios.length > 1 ? `${ratios.length} videos` : "the video"} · ${usd(amount)}`}
          disabled={!valid}
          refresh={refresh}
          start={(confirmEstimate) =>
            api("POST", `/api/sessions/${s.id}/compose`, {
              productName: name.trim(),
              callToAction: cta.trim(),
              textColor: color,
              textFont: font,
              backgroundMusic: { enabled: music, genre },
              aspectRatios: ratios,
              confirmEstimate,
            })
          }
        />
      )}
    </div>
  );
}

function initialRatios(detail: SessionDetail): Ratio[] {
  const made = latestVideos(detail).map(ratioOf);
  return made.length ? made : [detail.session.aspectRatio as Ratio];
}

function ColourPicker({ value, onChange, swatches, error }: { value: string; onChange: (v: string) => void; swatches: string[]; error?: string }) {
  return (
    <fieldset>
      <legend className="mb-1.5 text-sm font-medium text-slate-700">Text colour</legend>
      <div className="flex flex-wrap items-center gap-2">
        {swatches.map((c) => (
          <button
            key={c}
            type="button"
            onClick={() => onChange(c)}
            aria-label={`Colour ${c}`}
            aria-pressed={value.toUpperCase() === c}
            className={`h-8 w-8 rounded-full border shadow-sm ${value.toUpperCase() === c ? "ring-2 ring-brand-500 ring-offset-2" : "border-slate-300"}`}
            style={{ background: c }}
          />
        ))}
        <label className="ml-1 flex items-center gap-2 text-sm text-slate-600">
          <span className="sr-only">Pick any colour</span>
          <input type="color" value={HEX.test(value) ? value.toLowerCase() : "#ffffff"} onChange={(e) => onChange(e.target.value.toUpperCase())} className="h-8 w-10 cursor-pointer rounded border border-slate-300 bg-white" />
        </label>
        <label className="text-sm">
          <span className="sr-only">Colour as hex</span>
          <input
            value={value}
            onChange={(e) => onChange(e.target.value.toUpperCase())}
            maxLength={7}
            aria-invalid={error ? true : undefined}
            className="w-24 rounded-lg border border-slate-300 px-2 py-1.5 font-mono text-sm uppercase aria-invalid:border-rose-400"
            data-testid="color-hex"
          />
        </label>
      </div>
      {error ? <p className="mt-1 text-sm text-rose-600">{error}</p> : null}
    </fieldset>
  );
}

function FontPicker({ value, onChange, sample }: { value: AdFontId; onChange: (v: AdFontId) => void; sample: string }) {
  return (
    <fieldset>
      <legend className="mb-1.5 text-sm font-medium text-slate-700">Font</legend>
      <div className="grid grid-cols-2 gap-2">
        {(Object.keys(AD_FONTS) as AdFontId[]).map((id) => (
          <label
            key={id}
            className={`cursor-pointer rounded-xl border p-3 transition has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-500 ${
              value === id ? "border-brand-600 bg-brand-50" : "border-slate-200 hover:bg-slate-50"
            }`}
          >
            <input type="radio" name="font" value={id} checked={value === id} onChange={() => onChange(id)} className="sr-only" />
            <span className="block truncate text-lg" style={AD_FONTS[id].style}>
              {sample}
            </span>
            <span className="text-xs text-slate-500">{AD_FONTS[id].label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

function MusicPicker({
  on,
  onToggle,
  genre,
  onGenre,
  onReplicate,
}: {
  on: boolean;
  onToggle: (v: boolean) => void;
  genre: Genre;
  onGenre: (g: Genre) => void;
  onReplicate: boolean;
}) {
  const audio = useRef<HTMLAudioElement>(null);
  const [playing, setPlaying] = useState(false);
  const preview = () => {
    const el = audio.current;
    if (!el) return;
    if (playing) return el.pause();
    el.src = `/music-preview/${genre}`;
    void el.play().catch(() => setPlaying(false));
  };
  return (
    <fieldset className="space-y-3">
      <legend className="sr-only">Music</legend>
      <label className="flex items-center justify-between gap-3">
        <span className="text-sm font-medium text-slate-700">Background music</span>
        <input type="checkbox" role="switch" checked={on} onChange={(e) => onToggle(e.target.checked)} className="h-5 w-9 cursor-pointer accent-brand-600" data-testid="music-toggle" />
      </label>
      {on ? (
        <>
          <ChoiceGroup
            legend="Genre"
            name="genre"
            value={genre}
            onChange={(g) => {
              onGenre(g);
              audio.current?.pause();
            }}
            choices={GENRES.map((g) => ({ value: g, label: g[0].toUpperCase() + g.slice(1) }))}
          />
          <div className="flex items-center gap-2">
            <Button size="sm" variant="secondary" onClick={preview} aria-label={`${playing ? "Stop" : "Play"} a preview of ${genre} music`}>
              {playing ? "■ Stop" : "▶ Preview"}
            </Button>
            <span className="text-xs text-slate-500">A few seconds of the genre’s feel.</span>
            <audio ref={audio} onPlay={() => setPlaying(true)} onPause={() => setPlaying(false)} onEnded={() => setPlaying(false)} preload="none" />
          </div>
          {onReplicate ? (
            <p className="text-xs text-amber-800">
              Music is generated with MusicGen, whose model weights are licensed for non-commercial use only (CC-BY-NC 4.0). Check
              that this fits how you will use the ad.
            </p>
          ) : (
            <p className="text-xs text-slate-500">Offline, the music is a synthesised bed made for your ad’s length.</p>
          )}
        </>
      ) : null}
    </fieldset>
  );
}
