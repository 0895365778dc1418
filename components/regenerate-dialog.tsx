"use client";

import { useEffect, useState } from "react";
import { characters, usd } from "./format";
import type { AssetView } from "./session-types";
import { Alert } from "./ui/alert";
import { Button } from "./ui/button";
import { ChoiceGroup } from "./ui/choice-group";
import { Dialog } from "./ui/dialog";
import { TextareaField } from "./ui/field";

export type RegenerateRequest = { seed: "same" | "new"; prompt?: string };

/**
 * Redo one image or clip: same seed (keep the look, change the wording), new seed (a fresh
 * take), and the prompt editable. The old one stays until the marketer picks between them.
 */
export function RegenerateDialog({
  asset,
  what,
  promptLimit,
  onClose,
  onSubmit,
  busy,
  error,
}: {
  asset?: AssetView;
  what: string;
  promptLimit?: number;
  onClose: () => void;
  onSubmit: (req: RegenerateRequest) => void;
  busy: boolean;
  error?: string;
}) {
  const original = (what === "clip" ? asset?.scenePrompt : asset?.prompt) ?? "";
  const [seed, setSeed] = useState<"same" | "new">("new");
  const [prompt, setPrompt] = useState(original);
  // biome-ignore lint/correctness/useExhaustiveDependencies: another asset opened resets the form, even when its prompt is the same
  useEffect(() => {
    setPrompt(original);
    setSeed("new");
  }, [asset?.id, original]);
  const tooLong = promptLimit !== undefined && characters(prompt) > promptLimit;
  return (
    <Dialog
      open={Boolean(asset)}
      onClose={onClose}
      title={`Regenerate this ${what}`}
      description={`Only this ${what} is made again; you then choose between the current one and the new take.`}
      footer={
        <>
          <Button variant="secondary" onClick={onClose} disabled={busy}>
            Never mind
          </Button>
          <Button
            onClick={() =>
              onSubmit({
                seed,
                prompt:
                  prompt.trim() && prompt.trim() !== original.trim() ? prompt.trim() : undefined,
              })
            }
            disabled={busy || tooLong || !prompt.trim()}
            data-testid="regenerate-submit"
          >
            {busy ? "Starting…" : `Regenerate · about ${usd(asset?.generationCost ?? 0)}`}
          </Button>
        </>
      }
    >
      <div className="space-y-4">
        <ChoiceGroup
          legend="Seed"
          name="seed"
          value={seed}
          onChange={setSeed}
          choices={[
            { value: "new", label: "New seed", hint: "a fresh take" },
            { value: "same", label: "Same seed", hint: "same look, your edits" },
          ]}
        />
        <TextareaField
          id="regenerate-prompt"
          label={what === "clip" ? "Scene prompt" : "Prompt"}
          rows={5}
          value={prompt}
          onChange={(e) => setPrompt(e.target.value)}
          counter={promptLimit ? { value: characters(prompt), max: promptLimit } : undefined}
          hint="Edit the wording to steer the new take, or leave it as it is."
        />
        {error ? <Alert>{error}</Alert> : null}
      </div>
    </Dialog>
  );
}
