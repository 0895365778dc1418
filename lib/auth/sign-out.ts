// Signing out ends the account's sessions at once: the user's session version goes up, so
// every cookie issued before (this browser's, a copied one, another device's) is refused by
// the API, pages and Socket.IO from the next request on, and open sockets are closed. A JWT
// cannot be recalled, so "sign out" and "sign out everywhere" are the same act here.
import { bumpSessionVersion } from "../db/queries/session-version";
import { logger } from "../logger";
import { disconnectUser } from "../realtime/disconnect-user";

export async function endAllSessions({ userId }: { userId: number }): Promise<void> {
  await bumpSessionVersion({ userId });
  disconnectUser(userId);
  logger.info("sessions ended", { userId });
}
