// Public, revocable share links to a session's final video. The token (32 random bytes,
// base64url) is the only secret in the URL; one link is active per session (asking again
// returns it), revoking it makes every URL under it answer 404 at once. A shared page and its
// media routes expose the video, its poster and the product name: nothing else of the user.

import { randomBytes } from "node:crypto";
import { withoutInvisible } from "../api/text";
import { getAsset } from "../db/queries/assets";
import { getLiveSession } from "../db/queries/sessions";
import {
  getActiveShareLink,
  getActiveShareToken,
  insertShareLink,
  revokeShareLinks,
} from "../db/queries/share-links";
import { transaction } from "../db/queries/tx";
import type { Asset } from "../db/schema";
import { AppError, invalidState, notFound } from "../errors";
import { readAssetMeta } from "../pipeline/asset-meta";
import { isValidKey, storage } from "../storage";
import { lockSession, requireOwnSession, type SessionRef } from "./load";

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export const sharePath = (token: string) => `/share/${token}`;

/** The absolute share URL on `origin`: lib/http/app-origin.ts says which (never the Host header). */
function shareUrl(token: string, origin: string): string {
  return new URL(sharePath(token), origin).toString();
}

/** The active link of the session, made now if there is none (201 either way). */
export async function createShareLink({
  origin,
  ...ref
}: SessionRef & { origin: string }): Promise<{ url: string }> {
  const s = await requireOwnSession(ref);
  if (!s.finalVideoId)
    throw invalidState("There is no final video to share yet. Compose the video first.");
  const token = await transaction(async (tx) => {
    await lockSession(tx, ref); // two clicks at once still make one link
    const active = await getActiveShareToken({ tx, sessionId: s.id });
    if (active) return active;
    const fresh = randomBytes(32).toString("base64url");
    await insertShareLink({ tx, token: fresh, sessionId: s.id, createdBy: ref.userId });
    return fresh;
  });
  return { url: shareUrl(token, origin) };
}

/** The session's active link, or a 404 when it has none (GET: the Done step after a reload). */
export async function getShareLink({
  origin,
  ...ref
}: SessionRef & { origin: string }): Promise<{ url: string }> {
  const s = await requireOwnSession(ref);
  const active = await getActiveShareToken({ sessionId: s.id });
  if (!active) throw new AppError("not_found", "This ad has no share link. Get one to share it.");
  return { url: shareUrl(active, origin) };
}

/** Revokes the session's active link (nothing to revoke is fine: 204 either way). */
export async function revokeShareLink(ref: SessionRef): Promise<void> {
  const s = await requireOwnSession(ref);
  await revokeShareLinks({ sessionId: s.id });
}

export type SharedVideo = {
  productName: string;
  aspectRatio: string;
  durationSeconds: number | null;
  video: Asset;
  posterKey?: string;
};

/** What a share token shows, or undefined (unknown, revoked, session deleted, no video). */
export async function getSharedVideo(token: string): Promise<SharedVideo | undefined> {
  if (!TOKEN.test(token)) return undefined;
  const link = await getActiveShareLink({ token });
  const s = link ? await getLiveSession({ id: link.sessionId }) : undefined;
  const video = s?.finalVideoId ? await getAsset({ id: s.finalVideoId }) : undefined;
  if (
    !s ||
    !video ||
    video.sessionId !== s.id ||
    video.status !== "completed" ||
    !video.storagePath
  )
    return undefined;
  const meta = readAssetMeta(video);
  return {
    // Names saved before invisible characters were refused: removed, never shown.
    productName: withoutInvisible(s.productName ?? ""),
    aspectRatio: meta.aspectRatio ?? s.aspectRatio,
    durationSeconds: video.durationSeconds === null ? null : Number(video.durationSeconds),
    video,
    posterKey: meta.posterKey && isValidKey(meta.posterKey) ? meta.posterKey : undefined,
  };
}

/** The shared video or its poster over HTTP (Range requests for seeking); 404 once revoked. */
export async function serveShared(
  token: string,
  what: "video" | "poster",
  req: Request,
): Promise<Response> {
  const shared = await getSharedVideo(token);
  const key = what === "video" ? shared?.video.storagePath : shared?.posterKey;
  if (!key) throw notFound("That video");
  const res = await storage().respond(key, req);
  // The URL carries the secret: never send it on as a referrer. (A copy: a redirect's headers are immutable.)
  const headers = new Headers(res.headers);
  headers.set("Referrer-Policy", "no-referrer");
  return new Response(res.body, { status: res.status, headers });
}
