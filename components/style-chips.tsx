"use client";

import { STYLE_WORDS } from "@/lib/providers/local/lexicon";
import { Chip } from "./ui/chip";

const STYLES = Object.keys(STYLE_WORDS);

/** Style keywords as toggle chips, with the ones the description already suggests named. */
export function StyleChips({
  value: styles,
  onChange,
  suggested,
}: {
  value: string[];
  onChange: (v: string[]) => void;
  suggested: string[];
}) {
  return (
    <fieldset>
      <legend className="mb-1.5 block text-sm font-medium text-slate-700">Style</legend>
      <div className="flex flex-wrap gap-2">
        {STYLES.map((s) => (
          <Chip
            key={s}
            pressed={styles.includes(s)}
            onClick={() =>
              onChange(styles.includes(s) ? styles.filter((x) => x !== s) : [...styles, s])
            }
          >
            {s}
          </Chip>
        ))}
      </div>
      <p className="mt-1.5 text-xs text-slate-500">
        {suggested.length
          ? `Your description already reads as ${suggested.join(", ")}; pick more to steer the look.`
          : "Optional: pick a few words for the look."}
      </p>
    </fieldset>
  );
}
