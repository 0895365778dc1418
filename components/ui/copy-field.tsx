"use client";

import { useEffect, useRef, useState } from "react";
import { Button } from "./button";

/**
 * A read-only value with a Copy button (without clipboard permission the value is selected
 * for Ctrl+C instead) and a polite announcement once copied. Its label is the caller's.
 */
export function CopyField({
  id,
  value,
  testId,
  inputClassName,
  className = "",
  copiedText,
  focusOnMount = false,
}: {
  id: string;
  value: string;
  testId: string;
  inputClassName: string;
  className?: string;
  /** Announced to screen readers after a copy ("Link copied."). */
  copiedText: string;
  focusOnMount?: boolean;
}) {
  const [copied, setCopied] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (focusOnMount) input.current?.focus();
  }, [focusOnMount]);

  async function copy() {
    try {
      await navigator.clipboard.writeText(value);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      input.current?.select(); // no clipboard permission: selected for Ctrl+C
    }
  }

  return (
    <div className={`flex gap-2 ${className}`}>
      <input
        id={id}
        ref={input}
        readOnly
        value={value}
        onFocus={(e) => e.target.select()}
        className={`min-w-0 flex-1 rounded-lg border px-3 py-2 font-mono text-xs ${inputClassName}`}
        data-testid={testId}
      />
      <Button variant="secondary" size="sm" onClick={copy}>
        {copied ? "Copied" : "Copy"}
      </Button>
      <p className="sr-only" aria-live="polite">
        {copied ? copiedText : ""}
      </p>
    </div>
  );
}
