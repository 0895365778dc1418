"use client";

import { type DragEvent, useEffect, useId, useState } from "react";
import { bytes } from "./format";
import { Button } from "./ui/button";

export const PHOTO_TYPES = ["image/png", "image/jpeg", "image/webp"];
export const PHOTO_MAX_BYTES = 20 * 1024 * 1024;

/** Checks a picked file the way the uploads endpoint will, so the marketer hears at once. */
export function photoProblem(file: File): string | undefined {
  if (!PHOTO_TYPES.includes(file.type)) return "Use a PNG, JPEG or WebP photo.";
  if (file.size > PHOTO_MAX_BYTES) return `That photo is ${bytes(file.size)}; the limit is 20 MB.`;
  return undefined;
}

/** Optional product photo: drop it or pick it; previewed before anything is uploaded. */
export function PhotoPicker({
  file,
  onChange,
  error,
}: {
  file?: File;
  onChange: (file?: File) => void;
  error?: string;
}) {
  const id = useId();
  const [over, setOver] = useState(false);
  const [preview, setPreview] = useState<string>();
  const [problem, setProblem] = useState<string>();

  useEffect(() => {
    if (!file) return setPreview(undefined);
    const url = URL.createObjectURL(file);
    setPreview(url);
    return () => URL.revokeObjectURL(url);
  }, [file]);

  function take(picked?: File) {
    if (!picked) return;
    const p = photoProblem(picked);
    setProblem(p);
    onChange(p ? undefined : picked);
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    setOver(false);
    take(e.dataTransfer.files[0]);
  }

  const message = problem ?? error;
  return (
    <div className="space-y-1.5">
      <p className="text-sm font-medium text-slate-700" id={`${id}-label`}>
        Product photo <span className="font-normal text-slate-500">(optional)</span>
      </p>
      {/* biome-ignore lint/a11y/noStaticElementInteractions: a drop target for a dragged file; the file input inside is the keyboard and screen-reader way */}
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        className={`flex min-h-28 items-center gap-4 rounded-xl border-2 border-dashed p-3 transition has-[input:focus-visible]:outline-2 has-[input:focus-visible]:outline-offset-2 has-[input:focus-visible]:outline-brand-500 ${
          over ? "border-brand-500 bg-brand-50" : "border-slate-300 bg-white"
        }`}
        data-testid="photo-drop"
      >
        <div className="h-20 w-20 shrink-0 overflow-hidden rounded-lg bg-slate-100">
          {preview ? (
            // eslint-disable-next-line @next/next/no-img-element
            <img
              src={preview}
              alt="Your product, as uploaded"
              width={80}
              height={80}
              className="h-full w-full object-cover"
            />
          ) : null}
        </div>
        <div className="min-w-0 flex-1 text-sm">
          {file ? (
            <>
              <p className="truncate font-medium text-slate-800">{file.name}</p>
              <p className="text-slate-500">
                {bytes(file.size)} · used in every shot instead of a drawn product
              </p>
              <Button
                variant="ghost"
                size="sm"
                className="mt-1 -ml-2"
                onClick={() => onChange(undefined)}
              >
                Remove photo
              </Button>
            </>
          ) : (
            <>
              <p className="text-slate-700">
                Drop a photo here, or{" "}
                <label
                  htmlFor={id}
                  className="cursor-pointer font-medium text-brand-600 underline-offset-2 hover:underline"
                >
                  choose a file
                </label>
                .
              </p>
              <p className="text-slate-500">
                PNG, JPEG or WebP, up to 20 MB. Your product is placed in every shot.
              </p>
            </>
          )}
          <input
            id={id}
            type="file"
            accept={PHOTO_TYPES.join(",")}
            aria-labelledby={`${id}-label`}
            aria-describedby={message ? `${id}-error` : undefined}
            className="sr-only"
            data-testid="photo-input"
            onChange={(e) => {
              take(e.target.files?.[0]);
              e.target.value = ""; // picking the same file again still fires
            }}
          />
        </div>
      </div>
      {message ? (
        <p id={`${id}-error`} className="text-sm text-rose-600">
          {message}
        </p>
      ) : null}
    </div>
  );
}
