"use client";

import { useEffect, useRef, useState } from "react";
import { Alert } from "./ui/alert";
import { Button } from "./ui/button";

/**
 * A new key's token, shown this once (the server keeps only its hash): copy it, then dismiss.
 * Focus moves here so a keyboard or screen-reader user lands on the token at once.
 */
export function ApiKeyCreated({
  name,
  token,
  onDone,
}: {
  name: string;
  token: string;
  onDone: () => void;
}) {
  const [copied, setCopied] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    input.current?.focus();
  }, []);

  async function copy() {
    try {
      await navigator.clipboard.writeText(token);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch {
      input.current?.select(); // no clipboard permission: selected for Ctrl+C
    }
  }

  return (
    <Alert
      tone="success"
      title={`Your new key “${name}”`}
      actions={
        <Button variant="secondary" size="sm" onClick={onDone}>
          I have copied it
        </Button>
      }
    >
      <p>Copy it now and keep it somewhere safe: it is not shown again.</p>
      <label htmlFor="api-key-token" className="sr-only">
        New API key
      </label>
      <div className="mt-2 flex gap-2">
        <input
          id="api-key-token"
          ref={input}
          readOnly
          value={token}
          onFocus={(e) => e.target.select()}
          className="min-w-0 flex-1 rounded-lg border border-emerald-300 bg-white px-3 py-2 font-mono text-xs text-slate-900"
          data-testid="api-key-token"
        />
        <Button variant="secondary" size="sm" onClick={copy}>
          {copied ? "Copied" : "Copy"}
        </Button>
      </div>
      <p className="sr-only" aria-live="polite">
        {copied ? "Key copied." : ""}
      </p>
    </Alert>
  );
}
