"use client";

// The Finish step's voice-over choice: "No voice" or a voice for the script's language (from
// GET /api/voices), a few seconds' preview of it, and its speed. The offline voices are
// clearly synthetic, and the picker says that a natural one needs Replicate.
import { useEffect, useState } from "react";
import type { VoiceView } from "@/lib/voices/list-voices";
import { api } from "./api";
import { Button } from "./ui/button";
import { useAudioPreview } from "./use-audio-preview";

export type VoiceChoice = { voice: string; speed: number };
export const NO_VOICE = "none";

export function VoicePicker({
  language,
  value,
  onChange,
}: {
  language: string;
  value: VoiceChoice;
  onChange: (v: VoiceChoice) => void;
}) {
  const [voices, setVoices] = useState<VoiceView[] | undefined>();
  const [failed, setFailed] = useState(false);
  const { playing, toggle, stop, audioProps } = useAudioPreview();

  useEffect(() => {
    let live = true;
    api<{ voices: VoiceView[] }>("GET", `/api/voices?language=${encodeURIComponent(language)}`)
      .then((r) => live && setVoices(r.voices))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [language]);

  const current = voices?.find((v) => v.id === value.voice);
  const synthetic = voices?.some((v) => v.synthetic);

  return (
    <fieldset className="space-y-3" data-testid="voice-picker">
      <legend className="mb-1.5 text-sm font-medium text-slate-700">Voice-over</legend>
      <div className="flex flex-wrap items-center gap-2">
        <label htmlFor="voice" className="sr-only">
          Voice
        </label>
        <select
          id="voice"
          value={current ? current.id : NO_VOICE}
          onChange={(e) => {
            stop();
            onChange({ ...value, voice: e.target.value });
          }}
          disabled={!voices}
          className="min-w-48 rounded-lg border border-slate-300 bg-white px-3 py-2 text-sm"
        >
          <option value={NO_VOICE}>No voice</option>
          {voices?.map((v) => (
            <option key={v.id} value={v.id}>
              {v.name}
            </option>
          ))}
        </select>
        {current ? (
          <Button
            size="sm"
            variant="secondary"
            onClick={() => toggle(current.previewUrl)}
            aria-label={`${playing ? "Stop" : "Play"} a preview of the voice ${current.name}`}
          >
            {playing ? "■ Stop" : "▶ Preview"}
          </Button>
        ) : null}
        {/* A sample of how a voice sounds: no captions (the ad's own words get them). */}
        <audio {...audioProps} />
      </div>
      {current ? (
        <label className="flex items-center gap-3 text-sm text-slate-700">
          <span>Speed</span>
          <input
            type="range"
            min={0.5}
            max={2}
            step={0.1}
            value={value.speed}
            onChange={(e) => onChange({ ...value, speed: Number(e.target.value) })}
            className="w-40 accent-brand-600"
            aria-valuetext={`${value.speed.toFixed(1)} times normal speed`}
          />
          <output className="tabular-nums">{value.speed.toFixed(1)}×</output>
        </label>
      ) : null}
      {failed ? (
        <p className="text-xs text-red-700">The voices could not be loaded. Reload to try again.</p>
      ) : voices && voices.length === 0 ? (
        <p className="text-xs text-slate-600">
          No offline voice speaks this script’s language ({language}). With a Replicate token,
          voices in 40 languages are available; captions work without a voice.
        </p>
      ) : synthetic ? (
        <p className="text-xs text-slate-600">
          The offline voices are synthetic and speak English only. For a natural voice, run Adsmith
          with a Replicate token.
        </p>
      ) : null}
    </fieldset>
  );
}

/** The picker's first state: the ad's last voice-over, else no voice. */
export function initialVoice(meta: {
  voiceOver?: { enabled: boolean; voice?: string; speed: number };
}): VoiceChoice {
  const v = meta.voiceOver;
  return { voice: v?.enabled && v.voice ? v.voice : NO_VOICE, speed: v?.speed ?? 1 };
}

/** The compose request's `voiceOver`. */
export const voiceOverBody = (v: VoiceChoice) =>
  v.voice === NO_VOICE
    ? { enabled: false, speed: v.speed }
    : { enabled: true, voice: v.voice, speed: v.speed };

/** The estimate's query parameters for this choice. */
export const voiceEstimateParams = (v: VoiceChoice) => ({
  voice: v.voice,
  voiceSpeed: String(v.speed),
});

/** The script's language once the ad has one (the voices speak it), else English. */
export const scriptLanguage = (session: object) =>
  (session as { script?: { language?: string } | null }).script?.language ?? "en";
