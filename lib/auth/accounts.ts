// Sign-up and credential checks, shared by the login form, the sign-up form and the API.
import { z } from "zod";
import { singleLine } from "../api/text";
import { getUserByEmail, insertUser, touchLastLogin } from "../db/queries/users";
import { AppError, fromZod } from "../errors";
import { hashPassword, verifyPassword } from "./password";
import { takeSignupSlot } from "./signup-limit";
import {
  loginRetryAfter,
  recordFailedLogin,
  recordSuccessfulLogin,
  retryAfterMessage,
} from "./throttle";

export const signupInput = z.object({
  email: singleLine().pipe(z.email("Enter a valid email address.").max(255)),
  password: singleLine()
    .min(8, "Use at least 8 characters for the password.")
    .max(200, "That password is too long."),
  fullName: singleLine().trim().max(255).optional(),
});

export const credentialsInput = z.object({
  email: singleLine().trim().min(1, "Enter your email.").max(255),
  password: singleLine().min(1, "Enter your password.").max(200),
});

/** `ip`: the client's address, counted against the sign-ups per address per hour. */
export async function signUp(raw: unknown, { ip }: { ip?: string } = {}) {
  const parsed = signupInput.safeParse(raw);
  if (!parsed.success) throw fromZod(parsed.error);
  await takeSignupSlot({ ip });
  const { email, password, fullName } = parsed.data;
  const user = await insertUser({
    email,
    passwordHash: await hashPassword(password),
    fullName: fullName || undefined,
  });
  if (!user)
    throw new AppError("conflict", "An account with that email already exists. Sign in instead.", {
      field: "email",
    });
  return user;
}

export type LoginResult =
  | {
      ok: true;
      user: { id: string; email: string; name: string | null; sessionVersion: number };
    }
  | { ok: false; reason: "invalid" }
  | { ok: false; reason: "rate_limited"; retryAfter: number; message: string };

export async function checkCredentials(raw: unknown, ip: string | undefined): Promise<LoginResult> {
  const parsed = credentialsInput.safeParse(raw);
  if (!parsed.success) return { ok: false, reason: "invalid" };
  const { email, password } = parsed.data;
  const retryAfter = await loginRetryAfter({ email, ip });
  if (retryAfter > 0)
    return {
      ok: false,
      reason: "rate_limited",
      retryAfter,
      message: retryAfterMessage(retryAfter),
    };

  const user = await getUserByEmail({ email });
  // Always compare, even for an unknown email, so timing does not reveal which emails exist.
  const ok = await verifyPassword(password, user?.passwordHash);
  if (!ok || !user) {
    await recordFailedLogin({ email, ip });
    return { ok: false, reason: "invalid" };
  }
  await recordSuccessfulLogin({ email, ip });
  await touchLastLogin({ id: user.id });
  return {
    ok: true,
    user: {
      id: String(user.id),
      email: user.email,
      name: user.fullName,
      sessionVersion: user.sessionVersion,
    },
  };
}
