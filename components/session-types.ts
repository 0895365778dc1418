// The API's JSON as the browser receives it (dates arrive as ISO strings).
import type { getCosts } from "@/lib/sessions/get-costs";
import type { getSession } from "@/lib/sessions/get-session";
import type {
  AssetView as ServerAssetView,
  SessionView as ServerSessionView,
} from "@/lib/sessions/session-view";

export type { Estimate, EstimateLine } from "@/lib/sessions/estimate";

export type Wire<T> = T extends Date
  ? string
  : T extends (infer U)[]
    ? Wire<U>[]
    : T extends object
      ? { [K in keyof T]: Wire<T[K]> }
      : T;

/** The session as the API and the socket send it (lib/sessions/session-view.ts). */
export type SessionView = Wire<ServerSessionView>;
export type AssetView = Wire<ServerAssetView>;
export type SessionStatus = SessionView["status"];

/** GET /api/sessions/:id */
export type SessionDetail = Wire<Awaited<ReturnType<typeof getSession>>>;

/** GET /api/sessions/:id/costs */
export type Costs = Wire<Awaited<ReturnType<typeof getCosts>>>;

/** Dates as they come from a server component: turned into the same strings the API sends. */
export function toWire<T>(value: T): Wire<T> {
  return JSON.parse(JSON.stringify(value));
}
