// What an API key's token looks like and how it is stored. A token is `ak_live_` and 43
// base64url characters (32 random bytes); its first 16 characters are the visible prefix.
//
// Stored as an unsalted SHA-256, not bcrypt/scrypt like passwords: a slow, salted hash
// protects guessable secrets, and 256 random bits are not guessable (a leaked hash cannot be
// reversed by search). A fast, deterministic hash lets each call find its key through a unique
// index instead of bcrypt-comparing every key, and adds microseconds, not ~100 ms, per call.
// Timing of the index lookup reveals only how hashes compare, which says nothing about tokens.
import { createHash, randomBytes } from "node:crypto";

export const TOKEN_PREFIX = "ak_live_";
const TOKEN_SHAPE = /^ak_live_[A-Za-z0-9_-]{43}$/;
const PREFIX_LENGTH = TOKEN_PREFIX.length + 8;

export type NewToken = { token: string; prefix: string; tokenHash: string };

export function newToken(): NewToken {
  const token = `${TOKEN_PREFIX}${randomBytes(32).toString("base64url")}`;
  return { token, prefix: token.slice(0, PREFIX_LENGTH), tokenHash: hashToken(token) };
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** True when the text could be a token (a malformed one is refused without a database call). */
export function isTokenShaped(text: string): boolean {
  return TOKEN_SHAPE.test(text);
}
