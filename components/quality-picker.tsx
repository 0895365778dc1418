"use client";

import { ChoiceGroup } from "./ui/choice-group";

export const QUALITIES = ["draft", "standard", "premium"] as const;
export type Quality = (typeof QUALITIES)[number];

// What each tier is for; the exact models (and their prices) are listed with the estimate,
// which the server works out from the one price table.
const CHOICES: { value: Quality; label: string; hint: string }[] = [
  { value: "draft", label: "Draft", hint: "Cheapest models, for trying ideas" },
  { value: "standard", label: "Standard", hint: "Models chosen for ads" },
  { value: "premium", label: "Premium", hint: "The best models, at a higher price" },
];

/** The quality tier of a new ad: which models make its images, clips, music and plan. */
export function QualityPicker({
  value,
  onChange,
}: {
  value: Quality;
  onChange: (q: Quality) => void;
}) {
  return (
    <ChoiceGroup
      legend="Quality"
      name="quality"
      value={value}
      onChange={onChange}
      choices={CHOICES}
      hint="The estimate lists the models this tier uses. If one fails, the tier's alternative takes over."
    />
  );
}
