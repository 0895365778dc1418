import { z } from "zod";
import { listOwnSessions } from "../db/queries/sessions";
import { listOwnSessionsWithCovers } from "../db/queries/thumbnails";
import { sessionStatus } from "../db/schema";
import { invalidInput } from "../errors";
import { sessionView } from "./session-view";
import { type Thumbnail, thumbnailOf } from "./ui-thumbnails";

export const listQuery = z.object({
  status: z.enum(sessionStatus.enumValues).optional(),
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(200).optional(),
});

const cursorShape = z.object({ c: z.iso.datetime({ offset: true }), i: z.uuid() });

function decodeCursor(cursor: string) {
  try {
    const parsed = cursorShape.parse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    return { createdAt: new Date(parsed.c), id: parsed.i };
  } catch {
    throw invalidInput([
      { path: "cursor", message: "The cursor is not valid; start again without it." },
    ]);
  }
}

type ListRequest = { userId: number; query: z.infer<typeof listQuery> };

/** A page of the user's sessions, newest first, with the cursor of the next page. */
export async function listSessions({ userId, query }: ListRequest) {
  const rows = await listOwnSessions(pageQuery({ userId, query }));
  const page = rows.slice(0, query.limit);
  return { sessions: page.map(sessionView), nextCursor: nextCursor(rows, query.limit) };
}

/** The dashboard's page: listSessions with each ad's picture, in one statement. */
export async function listSessionsWithThumbnails({ userId, query }: ListRequest) {
  const rows = await listOwnSessionsWithCovers(pageQuery({ userId, query }));
  const page = rows.slice(0, query.limit);
  const thumbnails = new Map<string, Thumbnail>();
  for (const { session, cover } of page) {
    const thumbnail = thumbnailOf(cover);
    if (thumbnail) thumbnails.set(session.id, thumbnail);
  }
  return {
    sessions: page.map((r) => sessionView(r.session)),
    nextCursor: nextCursor(
      rows.map((r) => r.session),
      query.limit,
    ),
    thumbnails,
  };
}

/** One more row than the page: whether there is a next page. */
function pageQuery({ userId, query }: ListRequest) {
  return {
    userId,
    status: query.status,
    limit: query.limit + 1,
    after: query.cursor ? decodeCursor(query.cursor) : undefined,
  };
}

function nextCursor(rows: { id: string; createdAt: Date | null }[], limit: number) {
  const last = rows.slice(0, limit).at(-1);
  return rows.length > limit && last?.createdAt
    ? Buffer.from(JSON.stringify({ c: last.createdAt.toISOString(), i: last.id })).toString(
        "base64url",
      )
    : null;
}
