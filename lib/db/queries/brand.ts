// The account's brand kit: one row per user, made on first save.
import { eq, sql } from "drizzle-orm";
import { db } from "../client";
import { type BrandKit, brandKits } from "../schema";
import type { DbOrTx } from "./tx";

export type BrandChanges = Partial<
  Pick<
    typeof brandKits.$inferInsert,
    "colors" | "logoKey" | "textFont" | "callToAction" | "voice" | "musicGenre" | "captionStyle"
  >
>;

/** The user's kit, or undefined before anything was saved. */
export async function getBrandKit({
  tx = db(),
  userId,
}: {
  tx?: DbOrTx;
  userId: number;
}): Promise<BrandKit | undefined> {
  const [row] = await tx.select().from(brandKits).where(eq(brandKits.userId, userId));
  return row;
}

/** The kit row locked for the rest of the caller's transaction (made empty when missing). */
export async function lockBrandKit({
  tx,
  userId,
}: {
  tx: DbOrTx;
  userId: number;
}): Promise<BrandKit> {
  await tx.insert(brandKits).values({ userId }).onConflictDoNothing();
  const [row] = await tx.select().from(brandKits).where(eq(brandKits.userId, userId)).for("update");
  return row;
}

/** Saves `set` on the user's kit (made when missing); returns the whole kit. */
export async function saveBrandKit({
  tx = db(),
  userId,
  set,
}: {
  tx?: DbOrTx;
  userId: number;
  set: BrandChanges;
}): Promise<BrandKit> {
  const [row] = await tx
    .insert(brandKits)
    .values({ userId, ...set })
    .onConflictDoUpdate({ target: brandKits.userId, set: { ...set, updatedAt: sql`now()` } })
    .returning();
  return row;
}

/** Users with a logo, in id order from `after`: the sweep's page of kits that name a file. */
export async function listBrandLogos({
  after = 0,
  limit,
}: {
  after?: number;
  limit: number;
}): Promise<{ userId: number; logoKey: string }[]> {
  const rows = await db()
    .select({ userId: brandKits.userId, logoKey: brandKits.logoKey })
    .from(brandKits)
    .where(sql`${brandKits.logoKey} is not null and ${brandKits.userId} > ${after}`)
    .orderBy(brandKits.userId)
    .limit(limit);
  return rows.map((r) => ({ userId: r.userId, logoKey: r.logoKey! }));
}

/** Whether this user exists (a hard-deleted user's files are not the sweep's to judge). */
export async function userExists({ userId }: { userId: number }): Promise<boolean> {
  const rows = await db().execute(sql`select 1 from users where id = ${userId}`);
  return rows.length > 0;
}
