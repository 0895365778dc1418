// One's own usage against each quota (GET /api/usage, the studio's Usage panel). `resetsAt`
// is when the oldest counted request leaves the hour, i.e. when `used` next goes down.
import {
  countSessionsInStatus,
  getMostTakesPerSession,
  getStoredBytes,
  listRecentUsageEvents,
} from "../db/queries/usage";
import { WORKING_STATUSES } from "../sessions/stage-rules";
import { HOUR_SECONDS, limits } from "./limits";

export type UsageLine = { used: number; limit: number; resetsAt?: string | null };
export type Usage = {
  /** Ads in a working status (being prompted, imaged, animated or composed). */
  adsAtOnce: UsageLine;
  /** Compose requests (re-composes and compose retries included) in the last hour. */
  rendersPerHour: UsageLine;
  /** Takes of the ad with the most; the limit is per ad. */
  regenerationsPerAd: UsageLine;
  /** Uploads in the last hour: product photos and brand logos. */
  uploadsPerHour: UsageLine;
  /** Bytes of the files of one's live ads. */
  storageBytes: UsageLine;
};

export async function getUsage({ userId }: { userId: number }): Promise<Usage> {
  const max = limits();
  const hourly = async (kind: "render" | "upload", limit: number): Promise<UsageLine> => {
    const recent = await listRecentUsageEvents({ userId, kind, windowSeconds: HOUR_SECONDS });
    return { used: recent.length, limit, resetsAt: recent[0]?.leavesAt.toISOString() ?? null };
  };
  const [working, renders, takes, uploads, stored] = await Promise.all([
    countSessionsInStatus({ userId, statuses: WORKING_STATUSES }),
    hourly("render", max.rendersPerHour),
    getMostTakesPerSession({ userId }),
    hourly("upload", max.uploadsPerHour),
    getStoredBytes({ userId }),
  ]);
  return {
    adsAtOnce: { used: working, limit: max.adsAtOnce },
    rendersPerHour: renders,
    regenerationsPerAd: { used: takes, limit: max.regenerationsPerAd },
    uploadsPerHour: uploads,
    storageBytes: { used: stored, limit: max.storageBytes },
  };
}
