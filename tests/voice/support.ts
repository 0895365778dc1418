// What the voice-over tests share: an ad at clip review with a script (the script branch's
// writer is not needed to test the voice), and the rows a user would check afterwards.
import { and, eq } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { assets, generationCosts, sessions } from "@/lib/db/schema";
import { seedSessionAtClipReview } from "../compose/seed";

export const SCRIPT = {
  language: "en",
  hook: "Cold for 24 hours.",
  lines: ["Hot all morning, on every trail.", "Tap Shop Now."],
};

/** Characters the voice speaks: the script's sentences, one per line. */
export const SPOKEN = [SCRIPT.hook, ...SCRIPT.lines].join("\n");

/** A session ready to compose (two 1 s clips) whose plan has `script`. */
export async function adWithScript(userId: number, script: object | null = SCRIPT) {
  const seeded = await seedSessionAtClipReview(userId, { clips: 2, seconds: 1 });
  const [row] = await db().select().from(sessions).where(eq(sessions.id, seeded.id));
  if (script)
    await db()
      .update(sessions)
      .set({ metadata: { ...(row.metadata as object), script } })
      .where(eq(sessions.id, seeded.id));
  return seeded.id;
}

export async function voiceAssets(sessionId: string) {
  const rows = await db()
    .select()
    .from(assets)
    .where(and(eq(assets.sessionId, sessionId), eq(assets.type, "audio")));
  return rows.filter((a) => (a.metadata as { kind?: string }).kind === "voice");
}

export async function costRows(sessionId: string, assetId: string) {
  return db()
    .select()
    .from(generationCosts)
    .where(and(eq(generationCosts.sessionId, sessionId), eq(generationCosts.assetId, assetId)));
}

export const sessionRow = async (id: string) =>
  (await db().select().from(sessions).where(eq(sessions.id, id)))[0];
