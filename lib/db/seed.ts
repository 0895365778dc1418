import { sql } from "drizzle-orm";
import { hashPassword } from "../auth/password";
import { db } from "./client";
import { users } from "./schema";

export const DEMO_USER = { email: "demo@example.com", password: "demo123", fullName: "Demo User" };

/** Creates the demo user once; later runs leave it (and any password change) alone. */
export async function seedDemoUser(): Promise<void> {
  const existing = await db().execute(sql`select 1 from users where email = ${DEMO_USER.email}`);
  if (existing.length > 0) return;
  await db()
    .insert(users)
    .values({
      email: DEMO_USER.email,
      passwordHash: await hashPassword(DEMO_USER.password),
      fullName: DEMO_USER.fullName,
    })
    .onConflictDoNothing();
}
