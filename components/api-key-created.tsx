"use client";

import { Alert } from "./ui/alert";
import { Button } from "./ui/button";
import { CopyField } from "./ui/copy-field";

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
      <CopyField
        id="api-key-token"
        value={token}
        testId="api-key-token"
        className="mt-2"
        inputClassName="border-emerald-300 bg-white text-slate-900"
        copiedText="Key copied."
        focusOnMount
      />
    </Alert>
  );
}
