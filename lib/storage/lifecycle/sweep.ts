// The storage sweep: storage and the database, compared ad by ad. Both are walked in
// session-id order (storage lists `sessions/<id>/…` keys sorted; the sessions table is read
// in pages by id), so neither is held whole.
//
// - An orphan is a file no asset row holds. Under a deleted (or unknown) ad it is removed at
//   once: nothing there can become live again. Under a live ad it is removed only when older
//   than STORAGE_ORPHAN_GRACE_MINUTES, because an upload or a render stores its file a moment
//   before it writes the row that holds it.
// - A missing file is one a live, finished asset names that storage does not have: reported
//   (a JSON log line each, and in the result), never "fixed".
// - Files of an ad this database never had (a bucket shared with another deployment, a
//   hard-deleted user) and keys under sessions/ that name no ad are not this app's to
//   judge: reported as unrecognised and left alone.
import { getSessionState } from "../../db/queries/storage-deletions";
import {
  listLiveSessionIds,
  listSessionFiles,
  type SessionFile,
} from "../../db/queries/storage-files";
import { env } from "../../env";
import { logger } from "../../logger";
import type { ListedObject, Storage } from "../types";
import { sweepBrandLogos } from "./sweep-brands";

export type Orphan = { key: string; reason: "deleted ad" | "no row"; ageMinutes: number };
export type MissingFile =
  | { key: string; sessionId: string; assetId: string }
  /** A brand kit's logo (lib/storage/lifecycle/sweep-brands.ts). */
  | { key: string; userId: number };
export type SweepReport = {
  /** Files listed under sessions/ and brands/. */
  scanned: number;
  orphans: Orphan[];
  /** Orphans removed (0 in a dry run). */
  removed: number;
  /** Files no row holds yet, younger than the grace period: left alone. */
  young: number;
  missing: MissingFile[];
  unrecognised: string[];
  dryRun: boolean;
};

const PAGE = 200;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

type Group<T> = { sessionId: string; items: T[] };

/** Storage's files under sessions/, a group per ad, in id order; odd keys go to `odd`. */
async function* storedGroups(
  store: Storage,
  odd: (key: string) => void,
): AsyncGenerator<Group<ListedObject>> {
  let group: Group<ListedObject> | undefined;
  for await (const o of store.list("sessions/")) {
    const sessionId = o.key.split("/")[1];
    if (!UUID.test(sessionId) || o.key.split("/").length < 3) {
      odd(o.key);
      continue;
    }
    if (group && group.sessionId !== sessionId) {
      yield group;
      group = undefined;
    }
    group ??= { sessionId, items: [] };
    group.items.push(o);
  }
  if (group) yield group;
}

/** The database's live ads with the files their assets hold, in id order. */
async function* liveGroups(): AsyncGenerator<Group<SessionFile>> {
  let after: string | undefined;
  for (;;) {
    const ids = await listLiveSessionIds({ after, limit: PAGE });
    if (ids.length === 0) return;
    const files = await listSessionFiles({ sessionIds: ids });
    for (const id of ids) yield { sessionId: id, items: files.filter((f) => f.sessionId === id) };
    after = ids[ids.length - 1];
  }
}

export async function sweepStorage(opts: {
  store: Storage;
  /** Report only: remove nothing. */
  dryRun?: boolean;
  graceMinutes?: number;
  now?: Date;
}): Promise<SweepReport> {
  const { store } = opts;
  const dryRun = opts.dryRun ?? false;
  const now = (opts.now ?? new Date()).getTime();
  const graceMs = (opts.graceMinutes ?? env.STORAGE_ORPHAN_GRACE_MINUTES) * 60_000;
  const report: SweepReport = {
    scanned: 0,
    orphans: [],
    removed: 0,
    young: 0,
    missing: [],
    unrecognised: [],
    dryRun,
  };
  const ageMinutes = (o: ListedObject) => Math.round((now - o.lastModified.getTime()) / 60_000);

  const orphan = async (o: ListedObject, reason: Orphan["reason"]) => {
    if (reason === "no row" && now - o.lastModified.getTime() < graceMs) {
      report.young++;
      return;
    }
    report.orphans.push({ key: o.key, reason, ageMinutes: ageMinutes(o) });
    if (!dryRun) {
      await store.delete(o.key);
      report.removed++;
    }
  };
  const missing = async (f: SessionFile) => {
    // Written since the listing, or handed to removal since the rows were read? Both are
    // asked once more before it is reported.
    if (await store.head(f.key)) return;
    const rows = await listSessionFiles({ sessionIds: [f.sessionId] });
    if (!rows.some((r) => r.key === f.key && r.expected)) return;
    report.missing.push({ key: f.key, sessionId: f.sessionId, assetId: f.assetId });
    logger.warn("stored file missing", { key: f.key, sessionId: f.sessionId, assetId: f.assetId });
  };

  const compare = async (s: Group<ListedObject>, rows: SessionFile[]) => {
    const held = new Set(rows.map((f) => f.key));
    const present = new Set(s.items.map((o) => o.key));
    report.scanned += s.items.length;
    for (const o of s.items) if (!held.has(o.key)) await orphan(o, "no row");
    for (const f of rows) if (f.expected && !present.has(f.key)) await missing(f);
  };

  const stored = storedGroups(store, (key) => report.unrecognised.push(key));
  const live = liveGroups();
  let s = (await stored.next()).value as Group<ListedObject> | undefined;
  let d = (await live.next()).value as Group<SessionFile> | undefined;
  while (s || d) {
    if (s && (!d || s.sessionId < d.sessionId)) {
      // Files of an ad the database has no live row for; one created after its page was
      // read is live, so that is asked before anything is treated as deleted.
      // A listing out of order (some S3-compatible servers) lands here too: a live ad's
      // files are then compared with its rows read now, never assumed orphans.
      const state = await getSessionState({ id: s.sessionId });
      if (state === "live") await compare(s, await listSessionFiles({ sessionIds: [s.sessionId] }));
      else {
        report.scanned += s.items.length;
        for (const o of s.items) {
          if (state === "unknown") report.unrecognised.push(o.key);
          else await orphan(o, "deleted ad");
        }
      }
      s = (await stored.next()).value;
    } else if (d && (!s || d.sessionId < s.sessionId)) {
      for (const f of d.items) if (f.expected) await missing(f);
      d = (await live.next()).value;
    } else if (s && d) {
      await compare(s, d.items);
      s = (await stored.next()).value;
      d = (await live.next()).value;
    }
  }

  // Brand logos: held by their user's kit (sweep-brands.ts).
  const brands = await sweepBrandLogos({ store, now, graceMs });
  report.scanned += brands.scanned;
  report.young += brands.young;
  report.unrecognised.push(...brands.unrecognised);
  report.missing.push(...brands.missing);
  for (const o of brands.orphans) {
    report.orphans.push({ key: o.key, reason: "no row", ageMinutes: ageMinutes(o) });
    if (!dryRun) {
      await store.delete(o.key);
      report.removed++;
    }
  }

  logger.info("storage sweep", {
    dryRun,
    scanned: report.scanned,
    orphans: report.orphans.length,
    removed: report.removed,
    young: report.young,
    missing: report.missing.length,
    unrecognised: report.unrecognised.length,
    orphanKeys: report.orphans.slice(0, 20).map((o) => o.key),
    missingKeys: report.missing.slice(0, 20).map((m) => m.key),
  });
  return report;
}
