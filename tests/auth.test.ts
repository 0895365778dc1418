import bcrypt from "bcryptjs";
import { sql } from "drizzle-orm";
import { beforeAll, describe, expect, test } from "vitest";
import { checkCredentials, signUp } from "@/lib/auth/accounts";
import { loginRetryAfter, recordFailedLogin } from "@/lib/auth/throttle";
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

  const attempt = (email: string, password: string, ip: string) =>
    checkCredentials({ email, password }, ip);
  const waitOf = (r: Awaited<ReturnType<typeof checkCredentials>>) =>
    !r.ok && r.reason === "rate_limited" ? r.retryAfter : 0;
  // The lock ends as if its time had passed (no test waits minutes).
  const endLocks = () => db().execute(sql`update login_throttle set locked_until = now()`);

  test("five failures from one address make that address wait 30 s, doubling; the owner still signs in from their own", async () => {
    await signUp({ email: "lock@example.com", password: "correct-horse" });
    for (let i = 0; i < 5; i++)
      expect((await attempt("lock@example.com", "wrong", "10.1.0.1")).ok).toBe(false);
    const locked = await attempt("lock@example.com", "correct-horse", "10.1.0.1");
    expect(locked).toMatchObject({ ok: false, reason: "rate_limited" });
    expect(waitOf(locked)).toBeGreaterThan(25);
    expect(waitOf(locked)).toBeLessThanOrEqual(30);
    if (!locked.ok && locked.reason === "rate_limited")
      expect(locked.message).toMatch(/Try again in 30 seconds/);
    // The owner, at home: not locked out by someone guessing elsewhere.
    expect((await attempt("lock@example.com", "correct-horse", "10.9.9.9")).ok).toBe(true);
    // The guesser's next failure after the wait doubles it.
    await endLocks();
    expect(await attempt("lock@example.com", "wrong", "10.1.0.1")).toEqual({
      ok: false,
      reason: "invalid",
    });
    const doubled = waitOf(await attempt("lock@example.com", "correct-horse", "10.1.0.1"));
    expect(doubled).toBeGreaterThan(55);
    expect(doubled).toBeLessThanOrEqual(60);
  });

  test("eleven failures with different emails from one address lock no other user, from another address or (known) the same one", async () => {
    await signUp({ email: "victim@example.com", password: "correct-horse" });
    expect((await attempt("victim@example.com", "correct-horse", "10.2.0.1")).ok).toBe(true);
    for (let i = 0; i < 11; i++) await attempt(`spray${i}@example.com`, "x", "10.2.0.1");
    expect((await attempt("victim@example.com", "correct-horse", "10.2.0.2")).ok).toBe(true);
    // Spraying on until the address is slowed: a proxy's address shared by everyone.
    for (let i = 11; i < 20; i++)
      await recordFailedLogin({ email: `spray${i}@example.com`, ip: "10.2.0.1" });
    const stranger = waitOf(await attempt("new@example.com", "whatever", "10.2.0.1"));
    expect(stranger).toBeGreaterThan(0);
    expect(stranger).toBeLessThanOrEqual(60); // slowed, not locked out for 15 minutes
    // Someone who signed in from that address before is not slowed at all.
    expect((await attempt("victim@example.com", "correct-horse", "10.2.0.1")).ok).toBe(true);
  });

  test("an email guessed from a hundred addresses makes new addresses wait; the owner's own still works", async () => {
    await signUp({ email: "famous@example.com", password: "correct-horse" });
    expect((await attempt("famous@example.com", "correct-horse", "10.4.0.1")).ok).toBe(true);
    for (let i = 0; i < 100; i++)
      await recordFailedLogin({ email: "famous@example.com", ip: `10.5.${i >> 8}.${i & 255}` });
    expect(
      waitOf(await attempt("famous@example.com", "correct-horse", "10.6.0.1")),
    ).toBeGreaterThan(0);
    expect((await attempt("famous@example.com", "correct-horse", "10.4.0.1")).ok).toBe(true);
  });

  test("a success clears the failures of its email and address", async () => {
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

describe("text that cannot be stored", () => {
  test("a NUL or another control character in the email or password is a wrong login, not an error", async () => {
    for (const [email, password] of [
      ["demo\u0000@example.com", "demo123"],
      [DEMO_USER.email, "demo\u0000123"],
      ["demo@example.com\u0007", "demo123"],
    ])
      expect(await checkCredentials({ email, password }, "10.11.0.1")).toEqual({
        ok: false,
        reason: "invalid",
      });
    expect(await loginRetryAfter({ email: "demo\u0000@example.com", ip: "10.11.0.1" })).toBe(0);
  });

  test("sign-up refuses control characters in every field, naming it", async () => {
    for (const [field, input] of [
      ["email", { email: "a\u0000@example.com", password: "longenough" }],
      ["password", { email: "a@example.com", password: "long\u0000enough" }],
      ["fullName", { email: "a@example.com", password: "longenough", fullName: "A\u0001B" }],
      ["fullName", { email: "a@example.com", password: "longenough", fullName: "Two\nlines" }],
    ] as const) {
      const err = await signUp(input).catch((e) => e);
      expect(err).toMatchObject({ code: "invalid_input" });
      expect(err.details.issues[0].path).toBe(field);
    }
  });
});
