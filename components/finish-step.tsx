"use client";

import { useEffect, useState } from "react";
import type { AdFontId } from "@/app/fonts";
import { DEFAULT_CALL_TO_ACTION } from "@/lib/creative/script";
import { type Genre, LIMITS, RATIOS, type Ratio } from "./ad-options";
import { api } from "./api";
import { BrandCornerLogo } from "./brand-corner-logo";
import { type CaptionChoice, CaptionPicker, captionsBody } from "./caption-picker";
import { latestVideos, ratioOf } from "./done-step";
import type { EndCardLook } from "./end-card-preview";
import { ColourPicker, FontPicker, HEX, MusicPicker } from "./finish-pickers";
import { characters, plural, seconds, usd } from "./format";
import { ScriptEditor, useScriptDraft } from "./script-editor";
import type { SessionDetail } from "./session-types";
import { StartStage } from "./start-stage";
import { finalDuration } from "./timing";
import { TitlePreview } from "./title-preview";
import { Alert } from "./ui/alert";
import { MultiChoiceGroup } from "./ui/choice-group";
import { Field } from "./ui/field";
import {
  initialVoice,
  scriptLanguage,
  VoicePicker,
  voiceEstimateParams,
  voiceOverBody,
} from "./voice-picker";

const BASE_SWATCHES = ["#FFFFFF", "#111111", "#FACC15", "#F43F5E", "#4F46E5"];

/** Product name, script, call to action, colour, font, music and formats, with a live preview, then compose. */
export function FinishStep({ detail, refresh }: { detail: SessionDetail; refresh: () => void }) {
  const s = detail.session;
  const meta = s.metadata;
  const [name, setName] = useState(s.productName ?? meta.parse?.productName ?? "");
  const [cta, setCta] = useState(s.callToAction ?? DEFAULT_CALL_TO_ACTION);
  const [color, setColor] = useState((s.textColor ?? "#FFFFFF").toUpperCase());
  const [font, setFont] = useState<AdFontId>(s.textFont ?? "inter");
  const [music, setMusic] = useState(s.backgroundMusicEnabled ?? false);
  const [genre, setGenre] = useState<Genre>(s.musicGenre ?? "upbeat");
  const [ratios, setRatios] = useState<Ratio[]>(initialRatios(detail));
  const [voice, setVoice] = useState(initialVoice(meta));
  const script = useScriptDraft(s.script);
  const [logo, setLogo] = useState(meta.compose?.logo ?? false);
  const [captions, setCaptions] = useState<CaptionChoice>(initialCaptions(meta));
  const composing = s.status === "composing";

  const clips = s.approvedClipIds
    .map((id) => detail.videoClips.find((c) => c.id === id))
    .filter((c) => c !== undefined);
  const first = clips[0];
  const poster = detail.images.find((i) => i.id === first?.sourceImageId)?.url;
  const duration = finalDuration(clips.map((c) => c.durationSeconds ?? s.clipDurationSeconds ?? 3));
  const palette = [
    ...new Set(
      [...(meta.brand?.colors ?? []), ...(meta.parse?.palette ?? []), ...BASE_SWATCHES].map((c) =>
        c.toUpperCase(),
      ),
    ),
  ].slice(0, 7);
  const onReplicate = detail.images.some(
    (a) => a.source !== "user-upload" && !a.source.startsWith("local-"),
  );

  const problems = {
    name: !name.trim()
      ? "Give the product a name."
      : characters(name) > LIMITS.productName
        ? `At most ${LIMITS.productName} characters.`
        : undefined,
    cta: !cta.trim()
      ? "Add a call to action."
      : characters(cta) > LIMITS.callToAction
        ? `At most ${LIMITS.callToAction} characters.`
        : undefined,
    color: HEX.test(color) ? undefined : "Use a colour like #FFFFFF.",
    ratios: ratios.length ? undefined : "Pick at least one format.",
  };
  usePrepareFormats(s.id, ratios, composing ? undefined : s.aspectRatio, {
    voiceOver: voiceOverBody(voice),
    captions: captionsBody(captions),
    // The end card shows them: sent once they are valid.
    ...(problems.name ? {} : { productName: name }),
    ...(problems.cta ? {} : { callToAction: cta }),
  });
  const valid = !Object.values(problems).some(Boolean) && script.valid && clips.length > 0;

  if (clips.length === 0) {
    return <Alert tone="info">Choose at least one clip in the Clips step first.</Alert>;
  }

  return (
    <div className="space-y-4">
      <div className="grid gap-4 xl:grid-cols-[minmax(0,1fr)_minmax(0,20rem)]">
        <fieldset
          disabled={composing}
          className="space-y-5 rounded-2xl border border-slate-200 bg-white p-4 shadow-sm sm:p-5"
        >
          <legend className="sr-only">Finishing touches</legend>
          <h2 className="text-base font-semibold">Finishing touches</h2>
          <Field
            id="productName"
            label="Product name"
            value={name}
            onChange={(e) => setName(e.target.value)}
            counter={{ value: characters(name), max: LIMITS.productName }}
            error={problems.name}
            hint="Shown over the opening of the first clip."
          />
          <ScriptEditor
            session={s}
            clips={clips}
            script={script}
            disabled={composing}
            refresh={refresh}
          />
          <Field
            id="callToAction"
            label="Call to action"
            value={cta}
            onChange={(e) => setCta(e.target.value)}
            counter={{ value: characters(cta), max: LIMITS.callToAction }}
            error={problems.cta}
            hint="Shown on the end card, e.g. “Shop now: 20% off”."
          />
          <ColourPicker
            value={color}
            onChange={setColor}
            swatches={palette}
            error={problems.color}
          />
          <FontPicker value={font} onChange={setFont} sample={name || "Your product"} />
          <BrandCornerLogo hasLogo={!!meta.brand?.hasLogo} on={logo} onToggle={setLogo} />
          <MusicPicker
            on={music}
            onToggle={setMusic}
            genre={genre}
            onGenre={setGenre}
            onReplicate={onReplicate}
          />
          <VoicePicker language={scriptLanguage(s)} value={voice} onChange={setVoice} />
          <CaptionPicker value={captions} onChange={setCaptions} />
          <MultiChoiceGroup
            legend="Formats to export"
            name="aspectRatios"
            values={ratios}
            onChange={setRatios}
            choices={RATIOS}
            hint="One edit, exported to each format you pick; text stays inside each format’s safe area."
            error={problems.ratios}
          />
        </fieldset>
        <section
          className="rounded-2xl border border-slate-200 bg-white p-4 shadow-sm"
          aria-label="Live preview"
        >
          <h2 className="mb-3 text-base font-semibold">Preview</h2>
          <TitlePreview
            clip={first}
            poster={poster}
            ratios={ratios}
            productName={name}
            callToAction={cta}
            color={HEX.test(color) ? color : "#FFFFFF"}
            font={font}
            card={endCardLook(detail)}
          />
        </section>
      </div>
      {composing ? (
        <Alert tone="info">Composing your ad… you can leave this page; it keeps going.</Alert>
      ) : (
        <StartStage
          session={s}
          stage="compose"
          estimateParams={{
            music: String(music),
            musicGenre: genre,
            ...voiceEstimateParams(voice),
            captions,
            ...(ratios.length ? { aspectRatios: ratios.join(",") } : {}),
          }}
          title="Compose the ad"
          description={(estimate) =>
            // The server's length has the voice's timing (made, or estimated from the script).
            `${plural(clips.length, "clip")}, about ${seconds(estimate?.durationSeconds ?? duration)}${
              estimate?.durationFrom === "made"
                ? " with the voice"
                : estimate?.durationFrom === "estimated"
                  ? " with the voice (estimated)"
                  : ""
            }, in ${ratios.join(", ") || "—"}.`
          }
          action={(amount) =>
            `Compose ${ratios.length > 1 ? `${ratios.length} videos` : "the video"} · ${usd(amount)}`
          }
          disabled={!valid}
          refresh={refresh}
          start={async (confirmEstimate) => {
            await script.save(s.id); // the edited words first, so the ad says them
            return api("POST", `/api/sessions/${s.id}/compose`, {
              productName: name.trim(),
              callToAction: cta.trim(),
              textColor: color,
              textFont: font,
              backgroundMusic: { enabled: music, genre },
              voiceOver: voiceOverBody(voice),
              captions: captionsBody(captions),
              aspectRatios: ratios,
              ...(meta.brand?.hasLogo ? { logo } : {}),
              confirmEstimate,
            });
          }}
        />
      )}
    </div>
  );
}

/** The end card's brand colours, logo and product picture, as the compose picks them (lib/brand/compose-brand.ts). */
function endCardLook(detail: SessionDetail): EndCardLook {
  const s = detail.session;
  const brand = s.metadata.brand;
  const product = [s.metadata.productPhotoAssetId, ...s.approvedImageIds]
    .map((id) => detail.images.find((a) => a.id === id))
    .find((a) => a?.url && a.status !== "failed");
  return {
    colors: brand?.colors ?? [],
    logoUrl: brand?.hasLogo ? "/api/brand/logo" : undefined,
    productUrl: product?.url,
  };
}

/** The last compose's captions, else the brand kit's style, else none. */
function initialCaptions(meta: SessionDetail["session"]["metadata"]): CaptionChoice {
  const last = meta.compose?.captions;
  if (last) return last.enabled ? last.style : "none";
  return meta.brand?.captionStyle ?? "none";
}

function initialRatios(detail: SessionDetail): Ratio[] {
  const made = latestVideos(detail).map(ratioOf);
  return made.length ? made : [detail.session.aspectRatio];
}

/**
 * Tells the server which formats, words, voice and captions are chosen, a moment after the
 * choosing stops, so it prepares their edit meanwhile: the ad's own format was prepared when
 * its clips were approved, without them. Best effort: a compose makes whatever is missing.
 */
function usePrepareFormats(
  sessionId: string,
  ratios: Ratio[],
  own: string | undefined,
  words: {
    voiceOver: { enabled: boolean };
    captions: { enabled: boolean };
    productName?: string;
    callToAction?: string;
  },
) {
  const picked = [...ratios].sort().join(",");
  const body = JSON.stringify(words);
  useEffect(() => {
    if (!own || !picked) return;
    const timer = setTimeout(() => {
      api("POST", `/api/sessions/${sessionId}/prepare`, {
        aspectRatios: picked.split(","),
        ...JSON.parse(body),
      }).catch(() => {});
    }, 800);
    return () => clearTimeout(timer);
  }, [sessionId, picked, own, body]);
}
