import { z } from "zod";
import { listOwnSessions } from "../db/queries/sessions";
import { sessionStatus } from "../db/schema";
import { invalidInput } from "../errors";
import { sessionView } from "./session-view";

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

/** A page of the user's sessions, newest first, with the cursor of the next page. */
export async function listSessions({
  userId,
  query,
}: {
  userId: number;
  query: z.infer<typeof listQuery>;
}) {
  const rows = await listOwnSessions({
    userId,
    status: query.status,
    limit: query.limit + 1,
    after: query.cursor ? decodeCursor(query.cursor) : undefined,
  });
  const page = rows.slice(0, query.limit);
  const last = page[page.length - 1];
  const nextCursor =
    rows.length > query.limit && last?.createdAt
      ? Buffer.from(JSON.stringify({ c: last.createdAt.toISOString(), i: last.id })).toString(
          "base64url",
        )
      : null;
  return { sessions: page.map(sessionView), nextCursor };
}
