// Approving and ordering assets on a mood board (images, or clips): the chosen assets become
// `approved` with user_selected and selection_order 1..n; assets approved before but not
// chosen now go back to `completed` (not rejected: the user may pick them again).
import { z } from "zod";
import { listSessionAssetsByIds, writeAssetSelection } from "../db/queries/assets";
import { updateSession } from "../db/queries/sessions";
import { type Tx, transaction } from "../db/queries/tx";
import type { Asset, Session } from "../db/schema";
import { type Issue, invalidInput, invalidState } from "../errors";
import { lockSession, type SessionRef } from "./load";
import { statusText } from "./stage-state";

/** `{assetIds}`: at least `min`, no repeats, in the order the user wants them. */
export function approvalBody(min: number, noun: string) {
  return z.strictObject({
    assetIds: z
      .array(z.uuid(`Each ${noun} id must be an id from this ad.`), {
        error: `assetIds is a list of ${noun} ids.`,
      })
      .min(min, `Approve at least ${min} ${noun}${min === 1 ? "" : "s"}.`)
      .max(64, `Approve at most 64 ${noun}s.`)
      .superRefine((ids, ctx) => {
        ids.forEach((id, i) => {
          if (ids.indexOf(id) !== i)
            ctx.addIssue({
              code: "custom",
              path: [i],
              message: `This ${noun} is listed twice; list each once, in order.`,
            });
        });
      }),
  });
}

/** Checks every id is a finished asset of this type in this session; throws 400 listing each problem. */
export async function checkApprovable(
  tx: Tx,
  s: Session,
  ids: string[],
  type: Asset["type"],
  noun: string,
): Promise<void> {
  const rows = new Map(
    (await listSessionAssetsByIds({ tx, sessionId: s.id, ids: ids })).map((a) => [a.id, a]),
  );
  const issues: Issue[] = [];
  ids.forEach((id, i) => {
    const a = rows.get(id);
    const path = `assetIds.${i}`;
    if (!a || a.type !== type)
      issues.push({
        path,
        message: `is not ${/^[aeiou]/.test(noun) ? "an" : "a"} ${noun} of this ad.`,
      });
    else if (a.status === "generating")
      issues.push({
        path,
        message: `This ${noun} is still being generated; wait for it to finish.`,
      });
    else if (a.status === "failed")
      issues.push({
        path,
        message: `This ${noun} failed to generate; regenerate it or pick another.`,
      });
    else if (a.status === "rejected")
      issues.push({ path, message: `This ${noun} is set aside; restore it or pick another.` });
  });
  if (issues.length) throw invalidInput(issues);
}

/** Writes the selection: statuses, flags and order on the assets, and the ordered ids on the session. */
export async function writeSelection(
  tx: Tx,
  s: Session,
  ids: string[],
  type: Asset["type"],
): Promise<Session> {
  await writeAssetSelection({ tx, sessionId: s.id, type, ids });
  const column = type === "image" ? { approvedImageIds: ids } : { approvedClipIds: ids };
  const row = await updateSession({ tx, id: s.id, set: column });
  return row ?? s;
}

/**
 * Locks the session, checks the board may be chosen from now (`ready`, else a 409 naming the
 * `board` and the ad's state) and that every id is approvable, then writes the selection.
 */
export function approveSelection(
  ref: SessionRef,
  ids: string[],
  board: {
    type: Asset["type"];
    noun: string;
    ready: (s: Session) => boolean;
    label: string;
    /** What else changes with the selection, in its transaction (the script follows the clips). */
    also?: (tx: Tx, s: Session) => Promise<Session>;
  },
): Promise<Session> {
  return transaction(async (tx) => {
    const locked = await lockSession(tx, ref);
    if (!board.ready(locked)) {
      throw invalidState(
        `${board.label} can be chosen once they are made and while nothing else is being made; this ad is ${statusText(locked)}.`,
      );
    }
    await checkApprovable(tx, locked, ids, board.type, board.noun);
    const selected = await writeSelection(tx, locked, ids, board.type);
    return board.also ? board.also(tx, selected) : selected;
  });
}
