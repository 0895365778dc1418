import type { ButtonHTMLAttributes } from "react";

/** A toggle chip (style keywords, filters): a button with aria-pressed. */
export function Chip({
  pressed,
  className = "",
  ...props
}: ButtonHTMLAttributes<HTMLButtonElement> & { pressed: boolean }) {
  return (
    <button
      type="button"
      aria-pressed={pressed}
      className={`rounded-full border px-3 py-1.5 text-sm font-medium transition ${
        pressed
          ? "border-brand-600 bg-brand-600 text-white hover:bg-brand-700"
          : "border-slate-300 bg-white text-slate-700 hover:border-slate-400 hover:bg-slate-50"
      } ${className}`}
      {...props}
    />
  );
}
