"use client";

import Link from "next/link";
import { BrandLogo } from "./brand-logo";
import { Switch } from "./ui/switch";

/** The brand kit's logo on the Finish step: it is on the end card; the corner mark is a choice. */
export function BrandCornerLogo({
  hasLogo,
  on,
  onToggle,
}: {
  hasLogo: boolean;
  on: boolean;
  onToggle: (v: boolean) => void;
}) {
  if (!hasLogo)
    return (
      <p className="text-xs text-slate-500">
        Add a logo and colours in your{" "}
        <Link href="/brand" className="font-medium text-brand-700 underline">
          brand kit
        </Link>{" "}
        to put them on the end card.
      </p>
    );
  return (
    <div className="flex items-center gap-3 rounded-xl border border-slate-200 p-3">
      <div className="flex h-10 w-20 shrink-0 items-center justify-center rounded bg-slate-50">
        <BrandLogo src="/api/brand/logo" className="max-h-full max-w-full" />
      </div>
      <label className="flex flex-1 items-center justify-between gap-3">
        <span className="text-sm">
          <span className="block font-medium text-slate-700">Logo in the corner</span>
          <span className="block text-xs text-slate-500">
            Your logo is on the end card; this also shows it small throughout.
          </span>
        </span>
        <Switch checked={on} onChange={onToggle} testId="corner-logo-toggle" />
      </label>
    </div>
  );
}
