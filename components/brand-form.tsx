"use client";

import { useEffect, useId, useState } from "react";
import type { AdFontId } from "@/app/fonts";
import type { BrandView } from "@/lib/brand/kit";
import { endCardColors } from "@/lib/media/end-card-layout";
import type { VoiceView } from "@/lib/voices/list-voices";
import { GENRES, type Genre, LIMITS, namedChoices } from "./ad-options";
import { api } from "./api";
import { BrandLogo } from "./brand-logo";
import { FontPicker, HEX } from "./finish-pickers";
import { characters } from "./format";
import { Alert } from "./ui/alert";
import { Button } from "./ui/button";
import { ChoiceGroup } from "./ui/choice-group";
import { Field, SelectField } from "./ui/field";

const CAPTION_STYLES = ["karaoke", "pop", "boxed"] as const;
type CaptionStyle = (typeof CAPTION_STYLES)[number];
const MAX_COLORS = 3;

/** The account's brand kit: logo, colours, font, call to action, voice, music and captions. */
export function BrandForm({ initial }: { initial: BrandView }) {
  const [brand, setBrand] = useState(initial);
  const [colors, setColors] = useState(initial.colors.length ? initial.colors : ["#4F46E5"]);
  const [font, setFont] = useState<AdFontId>(initial.textFont ?? "inter");
  const [cta, setCta] = useState(initial.callToAction ?? "");
  const [voice, setVoice] = useState(initial.voice ?? "");
  const [genre, setGenre] = useState<Genre | "none">(initial.musicGenre ?? "none");
  const [captions, setCaptions] = useState<CaptionStyle | "none">(initial.captionStyle ?? "none");
  const [status, setStatus] = useState<{ tone: "success" | "error"; text: string }>();
  const [saving, setSaving] = useState(false);

  const problems = {
    colors: colors.every((c) => HEX.test(c)) ? undefined : "Use colours like #4F46E5.",
    cta:
      characters(cta) > LIMITS.callToAction
        ? `At most ${LIMITS.callToAction} characters.`
        : undefined,
  };
  const valid = !problems.colors && !problems.cta;

  async function save() {
    setSaving(true);
    setStatus(undefined);
    try {
      const { brand: saved } = await api<{ brand: BrandView }>("PUT", "/api/brand", {
        colors,
        textFont: font,
        callToAction: cta.trim() || null,
        voice: voice.trim() || null,
        musicGenre: genre === "none" ? null : genre,
        captionStyle: captions === "none" ? null : captions,
      });
      setBrand(saved);
      setStatus({ tone: "success", text: "Brand kit saved. New ads start from it." });
    } catch (err) {
      setStatus({ tone: "error", text: (err as Error).message });
    } finally {
      setSaving(false);
    }
  }

  return (
    <div className="grid gap-4 lg:grid-cols-[minmax(0,1fr)_minmax(0,22rem)]">
      <div className="space-y-5 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5">
        <LogoUpload brand={brand} onChange={setBrand} />
        <ColorList colors={colors} onChange={setColors} error={problems.colors} />
        <FontPicker value={font} onChange={setFont} sample="Your brand" />
        <Field
          id="brandCallToAction"
          label="Default call to action"
          value={cta}
          placeholder="Shop now"
          onChange={(e) => setCta(e.target.value)}
          counter={{ value: characters(cta), max: LIMITS.callToAction }}
          error={problems.cta}
          hint="Shown on the end card as a button."
        />
        <VoiceChoice value={voice} onChange={setVoice} />
        <ChoiceGroup
          legend="Music"
          name="brandMusic"
          value={genre}
          onChange={setGenre}
          choices={[{ value: "none", label: "No default" }, ...namedChoices(GENRES)]}
        />
        <ChoiceGroup
          legend="Caption style"
          name="brandCaptions"
          value={captions}
          onChange={setCaptions}
          choices={[{ value: "none", label: "No default" }, ...namedChoices(CAPTION_STYLES)]}
        />
        {status ? <Alert tone={status.tone}>{status.text}</Alert> : null}
        <Button onClick={save} disabled={!valid || saving} data-testid="save-brand">
          {saving ? "Saving…" : "Save brand kit"}
        </Button>
      </div>
      <section
        aria-label="End card preview"
        className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm"
      >
        <h2 className="mb-3 text-base font-semibold">End card</h2>
        <CardPreview colors={colors} logoUrl={brand.logoUrl} cta={cta.trim() || "Shop now"} />
      </section>
    </div>
  );
}

function LogoUpload({ brand, onChange }: { brand: BrandView; onChange: (b: BrandView) => void }) {
  const id = useId();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  async function upload(file?: File) {
    if (!file) return;
    setError(undefined);
    if (file.size > 5 * 1024 * 1024) return setError("That file is larger than 5 MB.");
    setBusy(true);
    try {
      const form = new FormData();
      form.append("file", file);
      onChange((await api<{ brand: BrandView }>("POST", "/api/brand/logo", form)).brand);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }
  async function remove() {
    setBusy(true);
    try {
      onChange((await api<{ brand: BrandView }>("DELETE", "/api/brand/logo")).brand);
    } catch (err) {
      setError((err as Error).message);
    } finally {
      setBusy(false);
    }
  }
  return (
    <div className="space-y-1.5">
      <p className="text-sm font-medium text-slate-700" id={`${id}-label`}>
        Logo
      </p>
      <div className="flex flex-wrap items-center gap-4">
        <div className="flex h-16 w-32 items-center justify-center rounded-lg border border-slate-200 bg-slate-50 p-1">
          {brand.logoUrl ? (
            <BrandLogo src={brand.logoUrl} className="max-h-full max-w-full" />
          ) : (
            <span className="text-xs text-slate-500">No logo yet</span>
          )}
        </div>
        <label className="cursor-pointer rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm font-semibold text-slate-800 shadow-sm hover:bg-slate-50 has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-brand-500">
          {busy ? "Uploading…" : brand.logoUrl ? "Replace logo" : "Upload a logo"}
          <input
            type="file"
            accept="image/png,image/jpeg,image/webp,image/svg+xml,.svg"
            className="sr-only"
            disabled={busy}
            aria-describedby={`${id}-hint`}
            onChange={(e) => {
              void upload(e.target.files?.[0]);
              e.target.value = "";
            }}
            data-testid="logo-input"
          />
        </label>
        {brand.logoUrl ? (
          <Button variant="ghost" size="sm" onClick={remove} disabled={busy}>
            Remove logo
          </Button>
        ) : null}
      </div>
      <p id={`${id}-hint`} className="text-xs text-slate-500">
        PNG, JPEG, WebP or SVG, up to 5 MB. An SVG is turned into a picture; one with scripts or
        links to other files is refused.
      </p>
      {error ? <Alert>{error}</Alert> : null}
    </div>
  );
}

function ColorList({
  colors,
  onChange,
  error,
}: {
  colors: string[];
  onChange: (c: string[]) => void;
  error?: string;
}) {
  const set = (i: number, v: string) => onChange(colors.map((c, j) => (j === i ? v : c)));
  return (
    <fieldset>
      <legend className="mb-1.5 text-sm font-medium text-slate-700">Brand colours (1–3)</legend>
      <ul className="space-y-2">
        {colors.map((c, i) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the rows are positions (first, second, third colour)
          <li key={i} className="flex items-center gap-2">
            <label>
              <span className="sr-only">Brand colour {i + 1}</span>
              <input
                type="color"
                value={HEX.test(c) ? c.toLowerCase() : "#ffffff"}
                onChange={(e) => set(i, e.target.value.toUpperCase())}
                className="h-9 w-11 cursor-pointer rounded border border-slate-300 bg-white"
              />
            </label>
            <label>
              <span className="sr-only">Brand colour {i + 1} as hex</span>
              <input
                value={c}
                onChange={(e) => set(i, e.target.value.toUpperCase())}
                maxLength={7}
                aria-invalid={HEX.test(c) ? undefined : true}
                className="w-28 rounded-lg border border-slate-300 px-2 py-1.5 font-mono text-sm uppercase aria-invalid:border-rose-400"
                data-testid={`brand-color-${i}`}
              />
            </label>
            {colors.length > 1 ? (
              <Button
                variant="ghost"
                size="sm"
                onClick={() => onChange(colors.filter((_, j) => j !== i))}
                aria-label={`Remove brand colour ${i + 1}`}
              >
                Remove
              </Button>
            ) : null}
          </li>
        ))}
      </ul>
      {colors.length < MAX_COLORS ? (
        <Button
          variant="secondary"
          size="sm"
          className="mt-2"
          onClick={() => onChange([...colors, "#FFFFFF"])}
        >
          Add a colour
        </Button>
      ) : null}
      {error ? <p className="mt-1 text-sm text-rose-600">{error}</p> : null}
    </fieldset>
  );
}

/** The voices the speech providers offer, when GET /api/voices answers; else a voice id. */
function VoiceChoice({ value, onChange }: { value: string; onChange: (v: string) => void }) {
  const [voices, setVoices] = useState<VoiceView[]>();
  useEffect(() => {
    api<{ voices: VoiceView[] }>("GET", "/api/voices")
      .then((r) => setVoices(r.voices))
      .catch(() => setVoices([]));
  }, []);
  if (voices?.length)
    return (
      <SelectField
        id="brandVoice"
        label="Voice"
        value={value}
        onChange={(e) => onChange(e.target.value)}
      >
        <option value="">No default voice</option>
        {voices.map((v) => (
          <option key={v.id} value={v.id}>
            {v.name} ({v.language})
          </option>
        ))}
      </SelectField>
    );
  return (
    <Field
      id="brandVoice"
      label="Voice"
      value={value}
      placeholder="No default voice"
      onChange={(e) => onChange(e.target.value)}
      hint="The voice-over voice new ads start with."
    />
  );
}

/** A sketch of the end card in the brand's colours. */
function CardPreview({
  colors,
  logoUrl,
  cta,
}: {
  colors: string[];
  logoUrl: string | null;
  cta: string;
}) {
  const c = endCardColors(colors.filter((x) => HEX.test(x)));
  return (
    <div
      className="mx-auto flex aspect-[9/16] w-48 flex-col items-center justify-center gap-4 rounded-xl p-4"
      style={{ background: `linear-gradient(135deg, ${c.from}, ${c.to})` }}
      data-testid="card-preview"
    >
      {logoUrl ? <BrandLogo src={logoUrl} className="max-h-10 max-w-[70%]" /> : null}
      <div className="h-20 w-14 rounded-xl bg-black/25" aria-hidden />
      <span
        className="rounded-full px-4 py-1.5 text-sm font-semibold"
        style={{ background: c.button, color: c.buttonText }}
      >
        {cta}
      </span>
    </div>
  );
}
