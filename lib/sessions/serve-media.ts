import { isBrandKey, serveBrandLogo } from "../brand/kit";
import { getAsset } from "../db/queries/assets";
import { getOwnSession } from "../db/queries/sessions";
import { notFound } from "../errors";
import { parseMediaKey, StorageKeyError, storage } from "../storage";

/** A request for a stored file by its key, from a signed-in user. */
export type MediaRequest = { userId: number; key: string; req: Request };

/**
 * Serves a stored file to its owner: the key must name a live asset of one of the user's own,
 * live sessions. Anything else is a 404 that says nothing about whether it exists. Range
 * requests (video seeking) are answered by local storage; S3 redirects to a presigned URL.
 */
export async function serveMedia({ userId, key, req }: MediaRequest): Promise<Response> {
  if (isBrandKey(key)) return serveBrandLogo({ userId, key, req }); // an account's logo
  let parts: ReturnType<typeof parseMediaKey>;
  try {
    parts = parseMediaKey(key);
  } catch (err) {
    if (err instanceof StorageKeyError) throw notFound("That file");
    throw err;
  }
  const session = await getOwnSession({ id: parts.sessionId, userId });
  const asset = session ? await getAsset({ id: parts.assetId }) : undefined;
  if (!session || !asset || asset.sessionId !== session.id) throw notFound("That file");
  return storage().respond(key, req);
}
