// A failed query logged through errorFields says what the database said (the cause Drizzle
// wraps) and leaves out the parameter values Drizzle writes into its message.
import { expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { users } from "@/lib/db/schema";
import { errorFields } from "@/lib/logger";

test("a failed insert logs the database's reason, not the password hash it carried", async () => {
  const hash = "$2b$12$thisIsAPasswordHashNobodyShouldSeeInALog0123456789abc";
  await db().insert(users).values({ email: "twice@example.com", passwordHash: hash });
  const err = await db()
    .insert(users)
    .values({ email: "twice@example.com", passwordHash: hash })
    .then(
      () => undefined,
      (e: unknown) => e,
    );
  expect(err).toBeInstanceOf(Error);
  const fields = errorFields(err);
  expect(fields.error).toMatch(/^Failed query: insert into "users"/);
  expect(fields.cause).toMatch(/duplicate key value violates unique constraint/);
  const line = JSON.stringify(fields);
  expect(line).not.toContain(hash);
  expect(line).not.toContain("twice@example.com");
  expect(line).toContain("params: [omitted]");
});

test("plain errors and non-errors keep their message", () => {
  expect(errorFields(new Error("disk full"))).toMatchObject({ error: "disk full" });
  expect(errorFields(new Error("disk full")).cause).toBeUndefined();
  expect(errorFields("just a string")).toEqual({ error: "just a string" });
});
