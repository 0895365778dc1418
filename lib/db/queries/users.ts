import { and, eq, isNull, sql } from "drizzle-orm";
import { db } from "../client";
import { type User, users } from "../schema";

export async function getUserByEmail({ email }: { email: string }): Promise<User | undefined> {
  const [user] = await db()
    .select()
    .from(users)
    .where(and(eq(users.email, email.trim().toLowerCase()), isNull(users.deletedAt)));
  return user;
}

export async function getUserById({ id }: { id: number }): Promise<User | undefined> {
  const [user] = await db()
    .select()
    .from(users)
    .where(and(eq(users.id, id), isNull(users.deletedAt)));
  return user;
}

/** Inserts a user; returns undefined when the email is taken (by anyone, even deleted). */
export async function insertUser(input: {
  email: string;
  passwordHash: string;
  fullName?: string;
}) {
  const [user] = await db()
    .insert(users)
    .values({
      email: input.email.trim().toLowerCase(),
      passwordHash: input.passwordHash,
      fullName: input.fullName,
    })
    .onConflictDoNothing()
    .returning({
      id: users.id,
      email: users.email,
      fullName: users.fullName,
      createdAt: users.createdAt,
    });
  return user;
}

export async function touchLastLogin({ id }: { id: number }): Promise<void> {
  await db().update(users).set({ lastLoginAt: sql`now()` }).where(eq(users.id, id));
}
