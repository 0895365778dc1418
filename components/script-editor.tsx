"use client";

import { useEffect, useState } from "react";
import { HOOK_MAX, LINE_MAX } from "@/lib/creative/script";
import { spokenSeconds } from "@/lib/creative/spoken-length";
import { ApiError, api, errorMessage } from "./api";
import { characters, seconds, usd } from "./format";
import type { AssetView, SessionView } from "./session-types";
import { Alert } from "./ui/alert";
import { Button } from "./ui/button";
import { Field } from "./ui/field";
import { useEstimate } from "./use-estimate";

type Script = NonNullable<SessionView["script"]>;

/**
 * The script being edited on the Finish step: the server's, until the user types. A new
 * script from the server (written again, another tab) replaces an unchanged draft.
 */
export function useScriptDraft(script: SessionView["script"]) {
  const saved = JSON.stringify(script);
  const [draft, setDraft] = useState<Script | null>(script);
  const [base, setBase] = useState(saved);
  useEffect(() => {
    setBase(saved);
    setDraft(JSON.parse(saved));
  }, [saved]);
  const dirty = draft !== null && JSON.stringify(draft) !== base;
  const problem = (text: string, max: number, what: string) =>
    !text.trim()
      ? `Write the ${what}.`
      : characters(text.trim()) > max
        ? `At most ${max} characters.`
        : undefined;
  const problems = draft
    ? {
        hook: problem(draft.hook, HOOK_MAX, "hook"),
        lines: draft.lines.map((l) => problem(l, LINE_MAX, "line")),
      }
    : { hook: undefined, lines: [] };
  const valid = !problems.hook && !problems.lines.some(Boolean);
  return {
    draft,
    setDraft,
    dirty,
    valid,
    problems,
    /** Saves an edited draft (the compose button calls it first, so edits are never lost). */
    save: async (sessionId: string) => {
      if (!draft || !dirty) return;
      await api("PUT", `/api/sessions/${sessionId}/script`, {
        hook: draft.hook.trim(),
        lines: draft.lines.map((l) => l.trim()),
        language: draft.language,
      });
    },
  };
}
export type ScriptDraft = ReturnType<typeof useScriptDraft>;

/** The hook and one line per clip after it, each with its clip, counter and spoken length. */
export function ScriptEditor({
  session,
  clips,
  script,
  disabled,
  refresh,
}: {
  session: SessionView;
  clips: AssetView[];
  script: ScriptDraft;
  disabled?: boolean;
  refresh: () => void;
}) {
  const { draft, setDraft, problems } = script;
  if (!draft) {
    // An ad planned before scripts existed: it gets one on request.
    return (
      <div className="space-y-2" data-testid="script-editor">
        <p className="text-sm font-semibold text-slate-900">Script</p>
        <p className="text-sm text-slate-600">This ad has no script yet.</p>
        <RewriteScript session={session} disabled={disabled} refresh={refresh} first />
      </div>
    );
  }
  const texts = [draft.hook, ...draft.lines];
  const set = (i: number, text: string) =>
    setDraft(
      i === 0
        ? { ...draft, hook: text }
        : { ...draft, lines: draft.lines.map((l, k) => (k === i - 1 ? text : l)) },
    );

  return (
    <fieldset className="space-y-3" disabled={disabled} data-testid="script-editor">
      <legend className="text-sm font-semibold text-slate-900">Script</legend>
      <p className="text-xs text-slate-500">
        The words of your ad, one line per clip in the order you approved them
        {draft.language !== "en" ? ` (language: ${draft.language})` : ""}. The call to action below
        ends it.
      </p>
      {texts.map((text, i) => {
        const clip = clips[i];
        const said = spokenSeconds(text);
        const clipSeconds = clip?.durationSeconds ?? session.clipDurationSeconds ?? 3;
        const what = i === 0 ? "Hook" : `Line ${i}`;
        return (
          <Field
            // biome-ignore lint/suspicious/noArrayIndexKey: a line's place is its identity (its clip)
            key={i}
            id={`script-${i}`}
            label={`${what} · clip ${i + 1}${clip?.viewType ? ` (${clip.viewType})` : ""}`}
            value={text}
            onChange={(e) => set(i, e.target.value)}
            counter={{ value: characters(text), max: i === 0 ? HOOK_MAX : LINE_MAX }}
            error={i === 0 ? problems.hook : problems.lines[i - 1]}
            hint={
              clip
                ? `About ${seconds(said)} spoken · clip ${seconds(clipSeconds)}${
                    said > clipSeconds ? " · with a voice, the clip waits for the line" : ""
                  }`
                : `About ${seconds(said)} spoken`
            }
          />
        );
      })}
      <RewriteScript session={session} disabled={disabled} refresh={refresh} />
    </fieldset>
  );
}

/** "Write it again": one LLM call, priced by the server's estimate before it is made. */
function RewriteScript({
  session,
  disabled,
  refresh,
  first,
}: {
  session: SessionView;
  disabled?: boolean;
  refresh: () => void;
  /** There is no script yet: the button writes the first one. */
  first?: boolean;
}) {
  const { estimate, error: estimateError } = useEstimate(session.id, "script");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  // The price moved since it was shown (409 with the new one): the next click confirms that.
  const [repriced, setRepriced] = useState<number>();
  const amount = repriced ?? estimate?.amount;

  async function rewrite() {
    if (amount === undefined) return;
    setBusy(true);
    setError(undefined);
    try {
      await api("POST", `/api/sessions/${session.id}/script`, { confirmEstimate: amount });
      refresh();
    } catch (err) {
      if (
        err instanceof ApiError &&
        err.code === "conflict" &&
        typeof err.extra.estimate === "number"
      )
        setRepriced(err.extra.estimate);
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  }

  return (
    <div className="flex flex-wrap items-center gap-3">
      <Button
        variant="secondary"
        onClick={rewrite}
        disabled={disabled || busy || amount === undefined}
        data-testid="rewrite-script"
      >
        {busy
          ? "Writing…"
          : amount === undefined
            ? "Working out the cost…"
            : `${first ? "Write the script" : "Write it again"} · ${usd(amount)}`}
      </Button>
      {first ? null : (
        <span className="text-xs text-slate-500">Replaces the lines above with new ones.</span>
      )}
      {estimateError || error ? <Alert className="w-full">{error ?? estimateError}</Alert> : null}
    </div>
  );
}
