"use server";

import { headers } from "next/headers";
import { AuthError } from "next-auth";
import { signUp } from "@/lib/auth/accounts";
import { signIn, signOut } from "@/lib/auth/auth";
import { clientIp } from "@/lib/auth/client-ip";
import { loginRetryAfter, retryAfterMessage } from "@/lib/auth/throttle";
import { AppError } from "@/lib/errors";

/** What the form shows after a failed submit; entered values come back so nothing is lost. */
export type FormState = {
  error?: string;
  fieldErrors?: Record<string, string>;
  email?: string;
  fullName?: string;
};

export async function login(_prev: FormState, form: FormData): Promise<FormState> {
  const email = String(form.get("email") ?? "");
  const password = String(form.get("password") ?? "");
  try {
    await signIn("credentials", { email, password, redirectTo: "/" });
    return {};
  } catch (err) {
    if (!(err instanceof AuthError)) throw err; // the redirect after success
    const seconds = await loginRetryAfter({ email, ip: clientIp(await headers()) });
    if (seconds > 0) return { email, error: retryAfterMessage(seconds) };
    return {
      email,
      error: "That email and password don't match. Check them and try again, or create an account.",
    };
  }
}

export async function signup(_prev: FormState, form: FormData): Promise<FormState> {
  const input = {
    email: String(form.get("email") ?? ""),
    password: String(form.get("password") ?? ""),
    fullName: String(form.get("fullName") ?? "") || undefined,
  };
  const kept = { email: input.email, fullName: input.fullName };
  try {
    await signUp(input, { ip: clientIp(await headers()) });
  } catch (err) {
    if (err instanceof AppError && err.code === "invalid_input") {
      const issues = (err.details.issues ?? []) as { path: string; message: string }[];
      return { ...kept, fieldErrors: Object.fromEntries(issues.map((i) => [i.path, i.message])) };
    }
    if (err instanceof AppError && err.code === "rate_limited")
      return { ...kept, error: err.message };
    if (err instanceof AppError && err.code === "conflict") return takenEmail(input, kept);
    throw err;
  }
  await signIn("credentials", { email: input.email, password: input.password, redirectTo: "/" });
  return {};
}

/**
 * The form never says an email has an account. Its owner, giving the right password, is
 * simply signed in (as a new account would be); anyone else gets a sentence that fits every
 * failed sign-up. (The API's 409 still tells, as api.md requires; both are bounded by the
 * sign-ups per address per hour.)
 */
async function takenEmail(
  input: { email: string; password: string },
  kept: FormState,
): Promise<FormState> {
  try {
    await signIn("credentials", { ...input, redirectTo: "/" });
  } catch (err) {
    if (!(err instanceof AuthError)) throw err; // the redirect after success
  }
  return {
    ...kept,
    error:
      "We couldn't create an account with these details. If you already have one, sign in instead.",
  };
}

export async function logout(): Promise<void> {
  await signOut({ redirectTo: "/login" });
}
