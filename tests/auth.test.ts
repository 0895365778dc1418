import bcrypt from "bcryptjs";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { checkCredentials, signUp } from "@/lib/auth/accounts";
import { db } from "@/lib/db/client";
import { DEMO_USER, seedDemoUser } from "@/lib/db/seed";
import { AppError } from "@/lib/errors";

beforeAll(async () => {
  await seedDemoUser();
  await seedDemoUser(); // idempotent
});

describe("the demo user", () => {
  test("exists once, with a bcrypt cost-12 hash of demo123", async () => {
    const rows = await db().execute<{ password_hash: string }>(
      sql`select password_hash from users where email = ${DEMO_USER.email}`,
    );
    expect(rows).toHaveLength(1);
    expect(rows[0].password_hash).toMatch(/^\$2[aby]\$12\$/);
    expect(await bcrypt.compare("demo123", rows[0].password_hash)).toBe(true);
  });

  test("signs in and gets last_login_at", async () => {
    const result = await checkCredentials(
      { email: "DEMO@example.com ", password: "demo123" },
      "10.0.0.1",
    );
    expect(result).toMatchObject({ ok: true, user: { email: DEMO_USER.email, name: "Demo User" } });
    const [row] = await db().execute<{ last_login_at: Date | null }>(
      sql`select last_login_at from users where email = ${DEMO_USER.email}`,
    );
    expect(row.last_login_at).not.toBeNull();
  });
});

describe("wrong credentials", () => {
  test("a wrong password and an unknown email get the same answer", async () => {
    expect(
      await checkCredentials({ email: DEMO_USER.email, password: "nope" }, "10.0.0.2"),
    ).toEqual({
      ok: false,
      reason: "invalid",
    });
    expect(
      await checkCredentials({ email: "nobody@example.com", password: "nope" }, "10.0.0.2"),
    ).toEqual({
      ok: false,
      reason: "invalid",
    });
  });

  test("five failures lock the email, even for the right password, from any IP", async () => {
    await signUp({ email: "lock@example.com", password: "correct-horse" });
    for (let i = 0; i < 5; i++) {
      expect(
        (await checkCredentials({ email: "lock@example.com", password: "wrong" }, `10.1.0.${i}`))
          .ok,
      ).toBe(false);
    }
    const locked = await checkCredentials(
      { email: "lock@example.com", password: "correct-horse" },
      "10.9.9.9",
    );
    expect(locked).toMatchObject({ ok: false, reason: "rate_limited" });
    if (locked.ok || locked.reason !== "rate_limited") throw new Error("unreachable");
    expect(locked.retryAfter).toBeGreaterThan(800);
    expect(locked.message).toMatch(/Try again in 15 minutes/);
  });

  test("twenty failures from one IP lock that IP for every email, not other IPs", async () => {
    await signUp({ email: "victim@example.com", password: "correct-horse" });
    for (let i = 0; i < 20; i++)
      await checkCredentials({ email: `spray${i}@example.com`, password: "x" }, "10.2.0.1");
    expect(
      await checkCredentials(
        { email: "victim@example.com", password: "correct-horse" },
        "10.2.0.1",
      ),
    ).toMatchObject({
      reason: "rate_limited",
    });
    expect(
      (
        await checkCredentials(
          { email: "victim@example.com", password: "correct-horse" },
          "10.2.0.2",
        )
      ).ok,
    ).toBe(true);
  });

  test("a success clears the email's failures", async () => {
    await signUp({ email: "forgetful@example.com", password: "correct-horse" });
    for (let i = 0; i < 4; i++)
      await checkCredentials({ email: "forgetful@example.com", password: "x" }, "10.3.0.1");
    expect(
      (
        await checkCredentials(
          { email: "forgetful@example.com", password: "correct-horse" },
          "10.3.0.1",
        )
      ).ok,
    ).toBe(true);
    for (let i = 0; i < 4; i++)
      await checkCredentials({ email: "forgetful@example.com", password: "x" }, "10.3.0.1");
    expect(
      (
        await checkCredentials(
          { email: "forgetful@example.com", password: "correct-horse" },
          "10.3.0.1",
        )
      ).ok,
    ).toBe(true);
  });
});

describe("sign-up", () => {
  test("creates a user with a lower-cased email and a bcrypt hash", async () => {
    const user = await signUp({
      email: "New.Person@Example.com",
      password: "longenough",
      fullName: "New Person",
    });
    expect(user).toMatchObject({ email: "new.person@example.com", fullName: "New Person" });
    expect(
      (
        await checkCredentials(
          { email: "new.person@example.com", password: "longenough" },
          undefined,
        )
      ).ok,
    ).toBe(true);
  });

  test.each([
    [{ email: "not-an-email", password: "longenough" }, "email"],
    [{ email: "a@example.com", password: "short" }, "password"],
    [{ email: "a@example.com" }, "password"],
    ["a string", ""],
  ])("rejects %j with a message on %s", async (input, field) => {
    const err = await signUp(input).catch((e) => e);
    expect(err).toBeInstanceOf(AppError);
    expect(err.code).toBe("invalid_input");
    expect(err.details.issues[0].path).toBe(field);
  });

  test("a taken email is a conflict", async () => {
    const err = await signUp({ email: DEMO_USER.email, password: "longenough" }).catch((e) => e);
    expect(err).toMatchObject({ code: "conflict", status: 409 });
  });
});
