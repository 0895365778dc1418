// The storage sweep's part for brand logos (`brands/<userId>/<uuid>.<ext>`): a logo file is
// held by its user's brand kit (brand_kits.logo_key). Uploading or removing a logo deletes the
// previous file at once, but a failed delete only logs a warning, and a crash between storing a
// new file and saving the kit leaves one nobody names: such a file is an orphan once older than
// the grace period (an upload stores its file a moment before the kit names it). A kit naming a
// file storage does not have is reported missing. A folder of a user this database does not
// have is not the sweep's to judge (unrecognised), as for ads.
import { getBrandKit, listBrandLogos, userExists } from "../../db/queries/brand";
import { logger } from "../../logger";
import type { ListedObject, Storage } from "../types";

const LOGO_KEY = /^brands\/(\d{1,10})\/[0-9a-f-]{36}\.(png|jpg|webp)$/;
const PAGE = 200;

export type BrandSweep = {
  scanned: number;
  /** Files no kit holds, old enough to remove. */
  orphans: ListedObject[];
  young: number;
  missing: { key: string; userId: number }[];
  unrecognised: string[];
};

export async function sweepBrandLogos(opts: {
  store: Storage;
  now: number;
  graceMs: number;
}): Promise<BrandSweep> {
  const { store, now, graceMs } = opts;
  const out: BrandSweep = { scanned: 0, orphans: [], young: 0, missing: [], unrecognised: [] };
  const present = new Set<string>();
  const known = new Map<number, { exists: boolean; logoKey: string | null }>();
  for await (const o of store.list("brands/")) {
    const m = LOGO_KEY.exec(o.key);
    if (!m) {
      out.unrecognised.push(o.key);
      continue;
    }
    out.scanned++;
    present.add(o.key);
    const userId = Number(m[1]);
    let user = known.get(userId);
    if (!user) {
      if (known.size > 1000) known.clear(); // listed in key order: a user's files come together
      const kit = await getBrandKit({ userId });
      user = {
        exists: kit !== undefined || (await userExists({ userId })),
        logoKey: kit?.logoKey ?? null,
      };
      known.set(userId, user);
    }
    if (!user.exists) out.unrecognised.push(o.key);
    else if (user.logoKey === o.key) continue;
    else if (now - o.lastModified.getTime() < graceMs) out.young++;
    // Asked once more: a logo saved since the kit was read is not an orphan.
    else if ((await getBrandKit({ userId }))?.logoKey !== o.key) out.orphans.push(o);
  }
  for (let after = 0; ; ) {
    const page = await listBrandLogos({ after, limit: PAGE });
    if (page.length === 0) break;
    for (const { userId, logoKey } of page) {
      if (present.has(logoKey) || (await store.head(logoKey))) continue;
      if ((await getBrandKit({ userId }))?.logoKey !== logoKey) continue; // replaced meanwhile
      out.missing.push({ key: logoKey, userId });
      logger.warn("stored file missing", { key: logoKey, userId });
    }
    after = page[page.length - 1].userId;
  }
  return out;
}
