"use client";

import type { ReactNode } from "react";

export type Choice<T extends string> = {
  value: T;
  label: ReactNode;
  hint?: ReactNode;
  disabled?: boolean;
};

/**
 * A row of radio buttons that look like a segmented control (or checkboxes when `multiple`).
 * Native inputs, so arrow keys, labels and forms work as browsers expect.
 */
export function ChoiceGroup<T extends string>({
  legend,
  name,
  choices,
  value,
  onChange,
  hint,
  className = "",
}: {
  legend: ReactNode;
  name: string;
  choices: readonly Choice<T>[];
  value: T;
  onChange: (value: T) => void;
  hint?: ReactNode;
  className?: string;
}) {
  return (
    <fieldset className={className}>
      <legend className="mb-1.5 block text-sm font-medium text-slate-700">{legend}</legend>
      <div className="flex flex-wrap gap-2">
        {choices.map((c) => (
          <label key={c.value} className={optionClasses(value === c.value, c.disabled)}>
            <input
              type="radio"
              name={name}
              value={c.value}
              checked={value === c.value}
              disabled={c.disabled}
              onChange={() => onChange(c.value)}
              className="sr-only"
            />
            <span>{c.label}</span>
            {c.hint ? <span className={hintClasses(value === c.value)}>{c.hint}</span> : null}
          </label>
        ))}
      </div>
      {hint ? <p className="mt-1.5 text-xs text-slate-500">{hint}</p> : null}
    </fieldset>
  );
}

export function MultiChoiceGroup<T extends string>({
  legend,
  name,
  choices,
  values,
  onChange,
  hint,
  error,
}: {
  legend: ReactNode;
  name: string;
  choices: readonly Choice<T>[];
  values: T[];
  onChange: (values: T[]) => void;
  hint?: ReactNode;
  error?: string;
}) {
  const toggle = (v: T) =>
    onChange(values.includes(v) ? values.filter((x) => x !== v) : [...values, v]);
  return (
    <fieldset>
      <legend className="mb-1.5 block text-sm font-medium text-slate-700">{legend}</legend>
      <div className="flex flex-wrap gap-2">
        {choices.map((c) => (
          <label key={c.value} className={optionClasses(values.includes(c.value), c.disabled)}>
            <input
              type="checkbox"
              name={name}
              value={c.value}
              checked={values.includes(c.value)}
              disabled={c.disabled}
              onChange={() => toggle(c.value)}
              className="sr-only"
            />
            <span>{c.label}</span>
            {c.hint ? (
              <span className={hintClasses(values.includes(c.value))}>{c.hint}</span>
            ) : null}
          </label>
        ))}
      </div>
      {error ? (
        <p className="mt-1.5 text-sm text-rose-600">{error}</p>
      ) : hint ? (
        <p className="mt-1.5 text-xs text-slate-500">{hint}</p>
      ) : null}
    </fieldset>
  );
}

// Dimmed only when not chosen: dimmed brand text on the chosen option's tint fell to a
// contrast of 4.09 (WCAG AA asks 4.5 for small text; e2e/accessibility.spec.ts checks it).
function hintClasses(checked: boolean) {
  return `text-xs font-normal ${checked ? "" : "opacity-75"}`;
}

// The focus ring sits on the label because the input itself is visually hidden.
function optionClasses(checked: boolean, disabled?: boolean) {
  return `flex cursor-pointer flex-col items-center rounded-lg border px-3 py-2 text-sm font-medium transition has-[:focus-visible]:outline-2 has-[:focus-visible]:outline-offset-2 has-[:focus-visible]:outline-brand-500 ${
    checked
      ? "border-brand-600 bg-brand-50 text-brand-700"
      : "border-slate-300 bg-white text-slate-700 hover:bg-slate-50"
  } ${disabled ? "cursor-not-allowed opacity-50" : ""}`;
}
