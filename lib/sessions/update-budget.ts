import { z } from "zod";
import { updateSession } from "../db/queries/sessions";
import { transaction } from "../db/queries/tx";
import { lockSession, type SessionRef } from "./load";
import { sessionView } from "./session-view";

export const updateSessionBody = z.strictObject({
  budgetUsd: z
    .number({ error: "The budget is an amount in USD." })
    .min(0.5, "The budget must be at least $0.50.")
    .max(100, "The budget can be at most $100."),
});

/** Changes the session's budget (the way forward after an over_budget refusal). */
export async function updateBudget({
  budgetUsd,
  ...ref
}: SessionRef & z.infer<typeof updateSessionBody>) {
  const row = await transaction(async (tx) => {
    const s = await lockSession(tx, ref);
    return (await updateSession({ tx, id: s.id, set: { budgetUsd: budgetUsd.toFixed(4) } })) ?? s;
  });
  return sessionView(row);
}
