// The one place that moves a session between statuses. Every move is a conditional UPDATE
// (only from an allowed status), so double clicks, retried requests and racing workers
// cannot move a session twice or backwards.
import { enqueueAdvance } from "../batches/enqueue";
import {
  raiseSessionProgress,
  type SessionChanges,
  updateSessionStatus,
} from "../db/queries/sessions";
import { type DbOrTx, transaction } from "../db/queries/tx";
import type { Session } from "../db/schema";
import { recordSessionEvents, tellsWebhooks } from "../webhooks/outgoing/events";

export type Status = Session["status"];

const ALLOWED: Record<Status, Status[]> = {
  created: ["prompting", "cancelled", "failed"],
  prompting: ["generating_images", "failed", "cancelled"],
  generating_images: ["reviewing_images", "failed", "cancelled"],
  reviewing_images: ["generating_videos", "failed", "cancelled"],
  generating_videos: ["reviewing_videos", "failed", "cancelled"],
  reviewing_videos: ["composing", "generating_videos", "failed", "cancelled"],
  composing: ["completed", "failed", "cancelled"],
  completed: ["composing", "generating_videos"],
  failed: ["prompting", "generating_images", "generating_videos", "composing", "cancelled"],
  cancelled: ["prompting", "generating_images", "generating_videos", "composing"],
};

export const STAGES = {
  prompt_parsing: { from: 0, to: 10 },
  image_gen: { from: 10, to: 50 },
  video_gen: { from: 50, to: 90 },
  composition: { from: 90, to: 100 },
} as const;
export type Stage = keyof typeof STAGES;

export function canMove(from: Status, to: Status): boolean {
  return ALLOWED[from].includes(to);
}

/** A progress percentage inside a stage's range, for a 0–1 fraction of that stage. */
export function stageProgress(stage: Stage, fraction: number): number {
  const { from, to } = STAGES[stage];
  return Math.round(from + (to - from) * Math.min(1, Math.max(0, fraction)));
}

type Move = {
  id: string;
  to: Status;
  /** Only move from these; defaults to every status that may move to `to`. */
  from?: Status[];
  stage?: Stage | null;
  progress?: number;
  errorMessage?: string | null;
  set?: SessionChanges;
  /** The caller's transaction, when the move belongs with its other writes. */
  tx?: DbOrTx;
};

/** Moves the session if its current status allows it; returns the new row or undefined. */
export async function moveSession(move: Move): Promise<Session | undefined> {
  const from = (
    move.from ?? (Object.keys(ALLOWED) as Status[]).filter((s) => canMove(s, move.to))
  ).filter((s) => canMove(s, move.to));
  if (from.length === 0) return undefined;
  const update = (tx?: DbOrTx) =>
    updateSessionStatus({
      tx,
      id: move.id,
      from,
      status: move.to,
      set: {
        ...move.set,
        ...(move.stage !== undefined ? { currentStage: move.stage } : {}),
        ...(move.progress !== undefined ? { progressPercentage: move.progress } : {}),
        ...(move.errorMessage !== undefined ? { errorMessage: move.errorMessage } : {}),
        ...(move.to === "completed" ? { progressPercentage: 100 } : {}),
      },
      countFailure: move.to === "failed",
      complete: move.to === "completed",
    });
  if (!tellsWebhooks(move.to)) return afterMove(move, await update(move.tx));
  // The account's webhooks hear of it in the same transaction as the move (an outbox).
  const moveAndRecord = async (tx: DbOrTx) => {
    const row = await update(tx);
    if (row) await recordSessionEvents({ tx, session: row });
    return row;
  };
  return afterMove(move, await (move.tx ? moveAndRecord(move.tx) : transaction(moveAndRecord)));
}

/** Statuses at which a batch's driver has something to do (lib/batches/advance.ts). */
const BATCH_MOVES: Status[] = [
  "reviewing_images",
  "reviewing_videos",
  "completed",
  "failed",
  "cancelled",
];

/**
 * An ad of a batch that reached a review or an end wakes its batch. Inside a caller's
 * transaction the job waits a moment, so that it reads the committed move.
 */
async function afterMove(move: Move, row: Session | undefined): Promise<Session | undefined> {
  if (row?.batchId && BATCH_MOVES.includes(row.status))
    await enqueueAdvance(
      row.batchId,
      `${row.id}:${row.status}:${row.updatedAt?.getTime() ?? Date.now()}`,
      move.tx ? { afterSeconds: 2 } : {},
    );
  return row;
}

/** Raises progress within the current status (never lowers it: jobs finish out of order). */
export async function setProgress(id: string, status: Status, progress: number): Promise<void> {
  await raiseSessionProgress({ id, status, progress });
}
