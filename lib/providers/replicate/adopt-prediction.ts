// Replicate's create is not idempotent: a process killed between the create's answer and the
// write of the new prediction's id leaves a paid prediction nobody knows about, and the retry
// would pay for another. So before each create the caller stores an intent (model, a hash of
// the exact input, the time); a later attempt that finds an intent but no id lists the
// predictions made since then and adopts the one with that model and input — unless it
// failed, was cancelled, or already belongs to other work. Measured by `npm run test:chaos`.
import { createHash } from "node:crypto";
import type { CallContext, PredictionIntent } from "../types";
import { callApi } from "./api-call";
import { replicateClient } from "./client";
import { type Prediction, predictionSchema } from "./prediction-shape";

/** Clock difference we allow between this machine and Replicate's created_at. */
const SKEW_MS = 60_000;
/** Pages of the prediction list read at most (100 each): a crash is recovered within minutes. */
const MAX_PAGES = 20;

function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(",")}]`;
  if (v && typeof v === "object") {
    return `{${Object.keys(v as object)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(",")}}`;
  }
  return JSON.stringify(v) ?? "null";
}

export function inputHash(input: unknown): string {
  return createHash("sha256").update(canonical(input)).digest("hex");
}

export function intentFor(model: string, input: Record<string, unknown>): PredictionIntent {
  return { model, inputHash: inputHash(input), since: new Date().toISOString() };
}

type Listed = {
  id?: string;
  model?: string;
  version?: string | null;
  created_at?: string | null;
  status?: string;
};
type Page = { results?: Listed[]; next?: string | null };

/** The prediction an interrupted attempt created for `intent` and never recorded, if any. */
export async function findUnrecorded(
  intent: PredictionIntent,
  what: string,
  ctx: CallContext,
): Promise<Prediction | undefined> {
  const client = replicateClient();
  const { signal } = ctx;
  const since = Date.parse(intent.since) - SKEW_MS;
  let page: Page = await callApi(
    "read",
    what,
    () => client.predictions.list({ signal }) as Promise<Page>,
    signal,
  );
  for (let n = 0; n < MAX_PAGES; n++) {
    let older = false;
    for (const item of page.results ?? []) {
      const created = Date.parse(item.created_at ?? "");
      if (created < since) {
        older = true; // newest first: the rest are older still
        break;
      }
      if (!item.id || item.model !== intent.model) continue;
      const id = item.id;
      const full = predictionSchema.safeParse(
        await callApi("read", what, () => client.predictions.get(id, { signal }), signal),
      );
      if (!full.success || inputHash(full.data.input ?? {}) !== intent.inputHash) continue;
      if (await ctx.isPredictionTaken?.(id)) continue;
      const { status } = full.data;
      if (status === "failed" || status === "canceled" || status === "aborted") {
        // Ours, and it failed: not worth adopting, but its failure belongs in the ledger.
        await ctx.onAbandonedPrediction?.({
          id,
          status,
          error: full.data.error ? String(full.data.error).slice(0, 300) : undefined,
        });
        continue;
      }
      return full.data;
    }
    if (older || !page.next) return undefined;
    const next = page.next;
    page = await callApi(
      "read",
      what,
      () => client.request(next, { method: "GET", signal }).then((r) => r.json() as Promise<Page>),
      signal,
    );
  }
  return undefined;
}
