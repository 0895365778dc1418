// The per-user quotas, as configured (lib/env.ts), and the words and numbers both the
// refusals and the usage endpoint use. Each bounds work or storage one account can take
// from the service; the per-ad budget bounds the money.
import { env } from "../env";

export const HOUR_SECONDS = 3600;
/** How long a client is told to wait when a slot frees only as work finishes. */
export const RECHECK_SECONDS = 60;

export const limits = () => ({
  adsAtOnce: env.QUOTA_ADS_AT_ONCE,
  rendersPerHour: env.QUOTA_RENDERS_PER_HOUR,
  regenerationsPerAd: env.QUOTA_REGENERATIONS_PER_AD,
  uploadsPerHour: env.QUOTA_UPLOADS_PER_HOUR,
  storageBytes: env.QUOTA_STORAGE_MB * 1024 * 1024,
});
