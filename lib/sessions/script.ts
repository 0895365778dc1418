// The ad's script on the Finish step (api.md "Additions: the ad's words…"): fitted to the
// clips when they are approved, edited line by line (PUT), or written again by the LLM
// (POST, one priced call with its estimate and cost row, like every model call). Editing
// makes sense once clips are approved and while nothing is being made.
import { z } from "zod";
import { languageField, scriptSchema } from "../creative/script";
import { fitScript, linesForClips, scriptRequest } from "../creative/write-script";
import { writeScriptLocally } from "../creative/write-script-local";
import { updateSession } from "../db/queries/sessions";
import { type Tx, transaction } from "../db/queries/tx";
import type { Session } from "../db/schema";
import { invalidInput, invalidState } from "../errors";
import { recordCall } from "../pipeline/ledger";
import { publishProgress } from "../pipeline/progress";
import { withWorkDir } from "../pipeline/run-call";
import { readMeta, withMeta } from "../pipeline/session-meta";
import { qualityOf } from "../providers/prices";
import { providers } from "../providers/registry";
import { type CallRecord, ProviderError } from "../providers/types";
import { assertConfirmedEstimate, assertWithinBudget, estimateStage } from "./estimate";
import { confirmEstimateField } from "./fields";
import { lockSession, requireOwnSession, type SessionRef } from "./load";
import { sessionView } from "./session-view";
import { clipsReady } from "./stage-rules";
import { statusText } from "./stage-state";

export const editScriptBody = scriptSchema.extend({ language: languageField.optional() });
export const rewriteScriptBody = z.strictObject({
  language: languageField.optional(),
  confirmEstimate: confirmEstimateField,
});

const linesMessage = (clips: number, lines: number) =>
  `This ad has ${clips} approved clip${clips === 1 ? "" : "s"}: write the hook and ${lines} line${lines === 1 ? "" : "s"}, one for each clip after the first.`;

/** Within a clip approval: the script follows the approved clips (the offline writer fills gaps). */
export async function fitScriptToClips(tx: Tx, s: Session): Promise<Session> {
  const meta = readMeta(s);
  const want = linesForClips((s.approvedClipIds ?? []).length);
  const spare = writeScriptLocally(scriptRequest(s, 4));
  const script = fitScript(meta.script ?? spare, want, spare);
  if (JSON.stringify(script) === JSON.stringify(meta.script)) return s;
  const row = await updateSession({ tx, id: s.id, set: { metadata: withMeta(s, { script }) } });
  return row ?? s;
}

function assertEditable(s: Session, doing: string): void {
  if (!clipsReady(s) || !(s.approvedClipIds ?? []).length)
    throw invalidState(
      `The script can be ${doing} once clips are approved and while nothing is being made; this ad is ${statusText(s)}.`,
    );
}

/** PUT: the user's own words; the number of lines follows the approved clips. */
export async function editScript(ref: SessionRef & { input: z.infer<typeof editScriptBody> }) {
  const { input, ...own } = ref;
  const s = await transaction(async (tx) => {
    const locked = await lockSession(tx, own);
    assertEditable(locked, "edited");
    const clips = (locked.approvedClipIds ?? []).length;
    const want = linesForClips(clips);
    if (input.lines.length !== want)
      throw invalidInput([{ path: "lines", message: linesMessage(clips, want) }]);
    const language = input.language ?? readMeta(locked).script?.language ?? "en";
    const script = { language, hook: input.hook, lines: input.lines };
    const row = await updateSession({
      tx,
      id: locked.id,
      set: { metadata: withMeta(locked, { script, scriptEdited: true }) },
    });
    return row ?? locked;
  });
  await publishProgress(s.id, "Script saved.");
  return sessionView(s);
}

/** POST: the script written again by the session's LLM, after its estimate is checked. */
export async function rewriteScript(
  ref: SessionRef & { input: z.infer<typeof rewriteScriptBody> },
) {
  const { input, ...own } = ref;
  const s = await requireOwnSession(own);
  assertEditable(s, "written again");
  const p = providers();
  if (p.kind === "local" && input.language && !/^en(-|$)/i.test(input.language))
    throw invalidInput([
      {
        path: "language",
        message:
          "The offline writer writes English only. Edit the lines in your language yourself, or connect Replicate to have them written.",
      },
    ]);
  const estimate = estimateStage(s, "script");
  assertWithinBudget(s, estimate);
  assertConfirmedEstimate(estimate, input.confirmEstimate);

  const language = input.language ?? readMeta(s).script?.language;
  const lines = linesForClips((s.approvedClipIds ?? []).length);
  const request = scriptRequest(s, lines, { language, rewrite: true });
  const { script, calls } = await writeWithLedgerRows(s, request);

  // The calls were made: their rows stay even if the ad moved on meanwhile.
  for (const c of calls) await recordCall({ sessionId: s.id, category: "llm", ...c });
  const saved = await transaction(async (tx) => {
    const locked = await lockSession(tx, own);
    assertEditable(locked, "written again");
    const meta = readMeta(locked);
    const fitted = fitScript(script, linesForClips((locked.approvedClipIds ?? []).length), script);
    const row = await updateSession({
      tx,
      id: locked.id,
      set: {
        metadata: withMeta(locked, {
          script: fitted,
          scriptEdited: false,
          scriptRewrites: (meta.scriptRewrites ?? 0) + 1,
        }),
      },
    });
    return row ?? locked;
  });
  await publishProgress(saved.id, "The script was written again.");
  return sessionView(saved);
}

type LedgerRow = { call: CallRecord; success: boolean; errorMessage?: string };

/**
 * Asks the LLM; every failed attempt becomes a failure row. When the model fails outright
 * the offline writer answers (a $0 row that says why), so the button always gives a script.
 */
async function writeWithLedgerRows(
  s: Session,
  request: ReturnType<typeof scriptRequest>,
): Promise<{ script: z.infer<typeof scriptSchema>; calls: LedgerRow[] }> {
  const p = providers();
  const calls: LedgerRow[] = [];
  const started = Date.now();
  return withWorkDir(async (workDir) => {
    try {
      const { output, call } = await p.llm.writeScript(request, {
        workDir,
        sessionId: s.id,
        quality: qualityOf(s.quality),
        onAttemptFailed: async (f) => {
          calls.push({
            call: {
              amountUsd: 0,
              provider: p.kind,
              model: f.model,
              predictionId: f.predictionId,
              latencyMs: f.latencyMs,
              metadata: { task: "write_script" },
            },
            success: false,
            errorMessage: f.error.message,
          });
        },
      });
      calls.push({ call, success: true });
      return { script: output, calls };
    } catch (err) {
      if (!(err instanceof ProviderError)) throw err;
      const failed = { amountUsd: 0, provider: p.kind, model: p.models.llm };
      calls.push({
        call: { ...failed, latencyMs: Date.now() - started, metadata: { task: "write_script" } },
        success: false,
        errorMessage: err.message,
      });
      calls.push({
        call: {
          amountUsd: 0,
          provider: "local",
          model: "local-rules-1",
          latencyMs: 1,
          metadata: {
            task: "write_script",
            fallback: "local-rules-1",
            fallbackReason: `The model did not answer: ${err.message}`,
          },
        },
        success: true,
      });
      return { script: writeScriptLocally(request), calls };
    }
  });
}
