"use client";

import { ChoiceGroup } from "./ui/choice-group";

export type CaptionChoice = "none" | "karaoke" | "pop" | "boxed";

const CHOICES: { value: CaptionChoice; label: string; hint: string }[] = [
  { value: "none", label: "No captions", hint: "" },
  { value: "karaoke", label: "Karaoke", hint: "the line, spoken word lit" },
  { value: "pop", label: "Pop", hint: "a few words at a time" },
  { value: "boxed", label: "Boxed", hint: "the line on a box" },
];

/** The compose request's `captions` for a choice. */
export const captionsBody = (c: CaptionChoice) =>
  c === "none" ? { enabled: false } : { enabled: true, style: c };

/**
 * Burned-in captions of the script: most feeds play muted, so the words must be on screen.
 * With a voice they follow the spoken words; without one, a reading-speed schedule.
 */
export function CaptionPicker({
  value,
  onChange,
}: {
  value: CaptionChoice;
  onChange: (c: CaptionChoice) => void;
}) {
  return (
    <ChoiceGroup
      legend="Captions"
      name="captions"
      value={value}
      onChange={onChange}
      choices={CHOICES.map((c) => ({ value: c.value, label: c.label, hint: c.hint || undefined }))}
      hint="The script’s words on screen, inside each format’s safe area; SRT and WebVTT files come with the video."
    />
  );
}
