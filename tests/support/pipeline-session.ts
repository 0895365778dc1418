// A session in status `created` and its start, the way the generate-images request starts
// it (moveSession to prompting, then the idempotent parse-prompt enqueue), for tests whose
// subject is the processes around the pipeline rather than the API.
import { eq, sql } from "drizzle-orm";
import { db } from "@/lib/db/client";
import { type Session, sessions } from "@/lib/db/schema";
import { startPromptParsing } from "@/lib/pipeline/start-stage";
import { moveSession } from "@/lib/pipeline/status";

export async function createSession(
  userId: number,
  numImages = 4,
  prompt = "pink tennis shoes with white laces",
): Promise<Session> {
  const [row] = await db()
    .insert(sessions)
    .values({
      userId,
      userProductPrompt: prompt,
      numImagesRequested: numImages,
      aspectRatio: "9:16",
    })
    .returning();
  return row;
}

export async function startImageStage(sessionId: string): Promise<void> {
  const moved = await moveSession({
    id: sessionId,
    to: "prompting",
    from: ["created"],
    stage: "prompt_parsing",
    progress: 0,
  });
  if (!moved) throw new Error(`session ${sessionId} could not start`);
  await startPromptParsing(moved);
}

export async function softDeleteSession(sessionId: string): Promise<void> {
  await db().update(sessions).set({ deletedAt: sql`now()` }).where(eq(sessions.id, sessionId));
}

/** Polls until `check` returns a value (not undefined/false), or fails after `ms`. */
export async function waitFor<T>(
  what: string,
  check: () => Promise<T | undefined | false>,
  ms = 60_000,
  every = 200,
): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${ms} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, every));
  }
}

export async function sessionRow(id: string): Promise<Session> {
  const [row] = await db().select().from(sessions).where(eq(sessions.id, id));
  return row;
}

/** Polls until the session has left the image stage (prompting, generating_images). */
export function imageStageOver(sessionId: string, what: string, ms = 120_000): Promise<Session> {
  return waitFor(
    what,
    async () => {
      const row = await sessionRow(sessionId);
      return row.status === "generating_images" || row.status === "prompting" ? undefined : row;
    },
    ms,
    200,
  );
}

/** How many of the session's images are done, and how many are being made right now. */
export async function imageCounts(sessionId: string) {
  const [c] = await db().execute<{ done: number; generating: number }>(sql`
    select count(*) filter (where status = 'completed')::int as done,
           count(*) filter (where status = 'generating')::int as generating
    from assets where session_id = ${sessionId}`);
  return c;
}
