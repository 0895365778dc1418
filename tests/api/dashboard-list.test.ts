// The dashboard's page (app/(studio)/page.tsx): the user's ads newest first, each with the
// picture a marketer would expect — the final video's poster, else the first approved image
// by mood-board order, else the first finished image — in one statement, paged by cursor.
import { eq, sql } from "drizzle-orm";
import { beforeAll, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { assets, sessions } from "@/lib/db/schema";
import { listSessions, listSessionsWithThumbnails } from "@/lib/sessions/list";
import { createSession } from "../support/pipeline-session";
import { createTestUser } from "../support/users";

type NewAsset = typeof assets.$inferInsert;

let userId: number;
const ids: Record<string, string> = {};

async function ad(name: string, minutesAgo: number, pictures: Omit<NewAsset, "sessionId">[]) {
  const s = await createSession(userId, 4, `${name} ad`);
  await db()
    .update(sessions)
    .set({ createdAt: sql`now() - make_interval(mins => ${minutesAgo})` })
    .where(eq(sessions.id, s.id));
  for (const p of pictures)
    await db()
      .insert(assets)
      .values({ sessionId: s.id, ...p });
  ids[name] = s.id;
}

const image = (url: string, extra: Partial<NewAsset> = {}): Omit<NewAsset, "sessionId"> => ({
  type: "image",
  source: "local-image",
  status: "completed",
  url,
  resolution: "1080x1920",
  ...extra,
});

beforeAll(async () => {
  userId = (await createTestUser("dashboard")).id;
  const other = await createTestUser("someone-else");
  await createSession(other.id, 4, "not yours");
  await ad("finished", 1, [
    image("/m/approved.png", { status: "approved", userSelected: true, selectionOrder: 1 }),
    {
      type: "final_video",
      source: "ffmpeg",
      status: "completed",
      url: "/m/final.mp4",
      resolution: "1080x1920",
      metadata: { posterUrl: "/m/poster.jpg" },
    },
  ]);
  await ad("mood board", 2, [
    image("/m/first-made.png"),
    image("/m/second-pick.png", { status: "approved", userSelected: true, selectionOrder: 2 }),
    image("/m/first-pick.png", { status: "approved", userSelected: true, selectionOrder: 1 }),
  ]);
  await ad("just made", 3, [
    image("/m/failed.png", { status: "failed" }),
    image("/m/made.png"),
    image("/m/made-later.png"),
  ]);
  await ad("nothing yet", 4, [image("/m/deleted.png", { deletedAt: new Date() })]);
});

test("each ad's picture: the final poster, else the first approved image, else the first finished one", async () => {
  const page = await listSessionsWithThumbnails({ userId, query: { limit: 20 } });
  expect(page.sessions.map((s) => s.id)).toEqual(
    ["finished", "mood board", "just made", "nothing yet"].map((n) => ids[n]),
  );
  const url = (name: string) => page.thumbnails.get(ids[name])?.url;
  expect(url("finished")).toBe("/m/poster.jpg");
  expect(url("mood board")).toBe("/m/first-pick.png");
  expect(url("just made")).toBe("/m/made.png");
  expect(page.thumbnails.has(ids["nothing yet"])).toBe(false);
  expect(page.thumbnails.get(ids.finished)?.resolution).toBe("1080x1920");
  expect(page.nextCursor).toBeNull();
});

test("pages follow the cursor, the same ads as the API's list and nobody else's", async () => {
  const first = await listSessionsWithThumbnails({ userId, query: { limit: 3 } });
  expect(first.sessions).toHaveLength(3);
  expect(first.nextCursor).toEqual(expect.any(String));
  const second = await listSessionsWithThumbnails({
    userId,
    query: { limit: 3, cursor: first.nextCursor! },
  });
  expect(second.sessions.map((s) => s.id)).toEqual([ids["nothing yet"]]);
  expect(second.nextCursor).toBeNull();
  const api = await listSessions({ userId, query: { limit: 3 } });
  expect(api.sessions).toEqual(first.sessions);
  expect(api.nextCursor).toBe(first.nextCursor);
});
