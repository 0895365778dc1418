// The stuck-work sweeper (issue 7.7): work nobody is doing any more — no job waiting for it,
// and no job running it or one silent past the provider's deadline — is failed with a
// message and its stage settled, so the user sees what happened and can retry. Queued and
// recently started work is left alone. The worker runs the sweep by itself.
import "./support/sweeper-env";
import { eq, inArray, sql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { type Asset, assets, type Session, sessions } from "@/lib/db/schema";
import { QUEUES, type QueueName, queue, stopQueue } from "@/lib/pipeline/queue";
import { sweepStuckWork } from "@/lib/pipeline/sweeper";
import { startWorker, stopWorker } from "@/lib/pipeline/worker";
import { closeEmitter } from "@/lib/realtime/events";
import { waitFor } from "../support/pipeline-session";
import { createTestUser, type TestUser } from "../support/users";

let user: TestUser;
beforeAll(async () => {
  await queue();
  user = await createTestUser("sweeper");
});
afterAll(async () => {
  await stopWorker(1000);
  await stopQueue();
  await closeEmitter();
});

const HOUR_AGO = () => new Date(Date.now() - 3600_000);

/** A session and its assets as a crash would leave them: last changed an hour ago. */
async function stuck(
  status: Session["status"],
  assetStatuses: Asset["status"][],
  meta: Record<string, unknown> = {},
  type: Asset["type"] = "image",
) {
  const [s] = await db()
    .insert(sessions)
    .values({
      userId: user.id,
      status,
      userProductPrompt: "stuck shoes",
      updatedAt: HOUR_AGO(),
      numImagesRequested: assetStatuses.length,
      metadata: meta,
    })
    .returning();
  const rows = assetStatuses.length
    ? await db()
        .insert(assets)
        .values(
          assetStatuses.map((st, i) => ({
            sessionId: s.id,
            type,
            source: type === "video_clip" ? ("local-video" as const) : ("local-image" as const),
            status: st,
            url: "",
            updatedAt: HOUR_AGO(),
            metadata: { index: i },
          })),
        )
        .returning()
    : [];
  const ids = rows.map((a) => a.id);
  // Written without touching updated_at (the trigger would set it to now).
  await db().execute(sql`alter table sessions disable trigger update_sessions_updated_at`);
  try {
    await db()
      .update(sessions)
      .set(
        type === "video_clip"
          ? { metadata: { ...meta, clipRunIds: ids } }
          : { generatedImageIds: ids },
      )
      .where(eq(sessions.id, s.id));
  } finally {
    await db().execute(sql`alter table sessions enable trigger update_sessions_updated_at`);
  }
  return { session: s, assets: rows };
}

/** A pg-boss job for this work, in `state`, started `startedAgoSeconds` ago (when active). */
async function job(
  name: QueueName,
  data: object,
  state: "created" | "retry" | "active",
  startedAgoSeconds = 0,
) {
  const boss = await queue();
  const id = await boss.send(name, data);
  await db().execute(sql`update pgboss.job set state = ${state}::pgboss.job_state,
    started_on = case when ${state} = 'active' then now() - make_interval(secs => ${startedAgoSeconds}) else null end
    where id = ${id}::uuid`);
  return id!;
}

const rowsOf = async (ids: string[]) =>
  new Map((await db().select().from(assets).where(inArray(assets.id, ids))).map((a) => [a.id, a]));
const sessionOf = async (id: string) =>
  (await db().select().from(sessions).where(eq(sessions.id, id)))[0];

describe("sweepStuckWork", () => {
  test("an image stage whose jobs are gone: the silent images fail with a message, the stage settles", async () => {
    const { session, assets: a } = await stuck("generating_images", [
      "completed",
      "completed",
      "generating",
      "generating",
    ]);
    const r = await sweepStuckWork();
    expect(r.assetsFailed).toBe(2);
    const rows = await rowsOf(a.map((x) => x.id));
    for (const x of a.slice(2))
      expect(rows.get(x.id)).toMatchObject({
        status: "failed",
        errorMessage: expect.stringMatching(/stopped unexpectedly\. Retry/),
      });
    expect(rows.get(a[0].id)!.status).toBe("completed");
    const s = await sessionOf(session.id);
    expect(s).toMatchObject({
      status: "failed",
      errorMessage: expect.stringMatching(/Only 2 of 4 images could be made.*Retry/),
    });
    expect((await sweepStuckWork()).assetsFailed).toBe(0); // nothing twice
  });

  test("a running job silent past the deadline fails its image; queued and fresh work is left alone", async () => {
    const { session, assets: a } = await stuck("generating_images", [
      "generating",
      "generating",
      "generating",
      "generating",
    ]);
    await job(QUEUES.generateImage, { assetId: a[0].id }, "active", 3600); // silent for an hour
    await job(QUEUES.generateImage, { assetId: a[1].id }, "created"); // waiting its turn
    await job(QUEUES.generateImage, { assetId: a[2].id }, "retry"); // waiting for its retry
    await job(QUEUES.generateImage, { assetId: a[3].id }, "active", 1); // just started
    await sweepStuckWork();
    const rows = await rowsOf(a.map((x) => x.id));
    expect(rows.get(a[0].id)).toMatchObject({
      status: "failed",
      errorMessage: expect.stringMatching(/did not answer for over 1 minute.*Retry/),
    });
    for (const x of a.slice(1)) expect(rows.get(x.id)!.status, `asset ${x.id}`).toBe("generating");
    expect((await sessionOf(session.id)).status).toBe("generating_images");
  });

  test("sessions with no job left fail with a message; with a live job they are left alone", async () => {
    const prompting = await stuck("prompting", []);
    const composing = await stuck("composing", []);
    const planning = await stuck("generating_videos", []);
    const waiting = await stuck("prompting", []);
    await job(QUEUES.parsePrompt, { sessionId: waiting.session.id }, "retry");
    const clips = await stuck("generating_videos", ["completed", "generating"], {}, "video_clip");
    await sweepStuckWork();
    expect(await sessionOf(prompting.session.id)).toMatchObject({
      status: "failed",
      errorMessage: expect.stringMatching(/product description stopped unexpectedly\. Retry/),
    });
    expect(await sessionOf(composing.session.id)).toMatchObject({
      status: "failed",
      errorMessage: expect.stringMatching(
        /Composing your video stopped unexpectedly\. Retry.*clips are kept/,
      ),
    });
    expect(await sessionOf(planning.session.id)).toMatchObject({
      status: "failed",
      errorMessage: expect.stringMatching(/Planning the clips stopped/),
    });
    expect((await sessionOf(waiting.session.id)).status).toBe("prompting");
    // The silent clip fails; one clip is enough for the clip review.
    expect((await rowsOf([clips.assets[1].id])).get(clips.assets[1].id)!.status).toBe("failed");
    expect((await sessionOf(clips.session.id)).status).toBe("reviewing_videos");
  });
});

describe("in the worker", () => {
  test("the worker sweeps on its own: a lost regeneration fails within seconds", async () => {
    // Earlier tests' leftovers are not this test's business.
    await db().execute(sql`delete from pgboss.job`);
    await db().update(sessions).set({ deletedAt: sql`now()` });
    await startWorker();
    const { assets: a } = await stuck("reviewing_images", [
      "completed",
      "completed",
      "completed",
      "completed",
    ]);
    const [regen] = await db()
      .insert(assets)
      .values({
        sessionId: a[0].sessionId,
        type: "image",
        source: "local-image",
        status: "generating",
        url: "",
        updatedAt: HOUR_AGO(),
        metadata: { replaces: a[0].id },
      })
      .returning();
    const failed = await waitFor(
      "the sweeper to fail the lost regeneration",
      async () => {
        const row = (await rowsOf([regen.id])).get(regen.id)!;
        return row.status === "failed" ? row : undefined;
      },
      20_000,
    );
    expect(failed.errorMessage).toMatch(/stopped unexpectedly/);
    expect((await rowsOf([a[0].id])).get(a[0].id)!.status).toBe("completed"); // the original stays
  });
});
