// The user's own session, or a 404 (another user's and deleted sessions look the same).

import { getOwnSession, lockOwnSession } from "../db/queries/sessions";
import type { Tx } from "../db/queries/tx";
import type { Session } from "../db/schema";
import { notFound } from "../errors";

export type SessionRef = { userId: number; id: string };

export async function requireOwnSession(ref: SessionRef): Promise<Session> {
  const s = await getOwnSession(ref);
  if (!s) throw notFound("That ad");
  return s;
}

/** requireOwnSession inside a transaction, holding the row lock until it commits. */
export async function lockSession(tx: Tx, ref: SessionRef): Promise<Session> {
  const s = await lockOwnSession({ tx, ...ref });
  if (!s) throw notFound("That ad");
  return s;
}
