"use client";

import { AD_FONTS, type AdFontId } from "@/app/fonts";
import { GENRES, type Genre, namedChoices } from "./ad-options";
import { Button } from "./ui/button";
import { ChoiceGroup } from "./ui/choice-group";
import { Switch } from "./ui/switch";
import { useAudioPreview } from "./use-audio-preview";

export const HEX = /^#[0-9a-fA-F]{6}$/;

/** Swatches (the product's own colours first), any colour, or a hex value. */
export function ColourPicker({
  value,
  onChange,
  swatches,
  error,
}: {
  value: string;
  onChange: (v: string) => void;
  swatches: string[];
  error?: string;
}) {
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
          <input
            type="color"
            value={HEX.test(value) ? value.toLowerCase() : "#ffffff"}
            onChange={(e) => onChange(e.target.value.toUpperCase())}
            className="h-8 w-10 cursor-pointer rounded border border-slate-300 bg-white"
          />
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

/** The bundled fonts, each previewing the product name in itself. */
export function FontPicker({
  value,
  onChange,
  sample,
}: {
  value: AdFontId;
  onChange: (v: AdFontId) => void;
  sample: string;
}) {
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
            <input
              type="radio"
              name="font"
              value={id}
              checked={value === id}
              onChange={() => onChange(id)}
              className="sr-only"
            />
            <span className="block truncate text-lg" style={AD_FONTS[id].style}>
              {sample}
            </span>
            <span className="text-xs text-slate-600">{AD_FONTS[id].label}</span>
          </label>
        ))}
      </div>
    </fieldset>
  );
}

/** Music on or off, the genre, a short preview, and the licence note when it applies. */
export function MusicPicker({
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
  const { playing, toggle, stop, audioProps } = useAudioPreview();
  return (
    <fieldset className="space-y-3">
      <legend className="sr-only">Music</legend>
      <label className="flex items-center justify-between gap-3">
        <span className="text-sm font-medium text-slate-700">Background music</span>
        <Switch checked={on} onChange={onToggle} testId="music-toggle" />
      </label>
      {on ? (
        <>
          <ChoiceGroup
            legend="Genre"
            name="genre"
            value={genre}
            onChange={(g) => {
              onGenre(g);
              stop();
            }}
            choices={namedChoices(GENRES)}
          />
          <div className="flex items-center gap-2">
            <Button
              size="sm"
              variant="secondary"
              onClick={() => toggle(`/music-preview/${genre}`)}
              aria-label={`${playing ? "Stop" : "Play"} a preview of ${genre} music`}
            >
              {playing ? "■ Stop" : "▶ Preview"}
            </Button>
            <span className="text-xs text-slate-500">A few seconds of the genre’s feel.</span>
            {/* An instrumental preview: no words to caption. */}
            <audio {...audioProps} />
          </div>
          {onReplicate ? (
            <p className="text-xs text-amber-800">
              Music is generated with Stable Audio 2.5, whose output may be used commercially. If it
              fails, MusicGen makes it instead: its weights are licensed for non-commercial use only
              (CC-BY-NC 4.0), and the cost list names the model that made the music.
            </p>
          ) : (
            <p className="text-xs text-slate-500">
              Offline, the music is a synthesised bed made for your ad’s length.
            </p>
          )}
        </>
      ) : null}
    </fieldset>
  );
}
