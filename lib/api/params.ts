import { z } from "zod";

/** `[id]` route segments: database UUIDs (anything else is a 404, never a 400 or 500). */
export const idParams = z.object({ id: z.uuid() });

/** `[...key]` of the media route: the storage key's segments. */
export const keyParams = z.object({ key: z.array(z.string().max(200)).min(1).max(8) });
