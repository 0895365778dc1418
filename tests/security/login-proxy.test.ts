// Login throttling behind a reverse proxy (issue 16.1, checked again): with TRUST_PROXY the
// client's address is the one the proxy appended to X-Forwarded-For, never an entry the
// client wrote itself, so rotating forged entries neither dodges the limits nor lets anyone
// pose as the owner's address. Junk in the header falls back to the socket's address.
import { describe, expect, test } from "vitest";
import { checkCredentials, signUp } from "@/lib/auth/accounts";
import { clientAddress } from "@/lib/http/client-address";

const PROXY = "10.0.0.2"; // the socket address every request arrives from, behind the proxy
const via = (xff: string | undefined, trustProxy = true) =>
  clientAddress(
    {
      headers: xff === undefined ? {} : { "x-forwarded-for": xff },
      socket: { remoteAddress: PROXY },
    },
    trustProxy,
  );
const attempt = (email: string, password: string, xff: string) =>
  checkCredentials({ email, password }, via(xff));

describe("TRUST_PROXY: the address the proxy appended", () => {
  test("an attacker rotating forged X-Forwarded-For entries is still locked after 5 failures", async () => {
    await signUp({ email: "rotate@example.com", password: "correct-horse" });
    const outcomes: string[] = [];
    for (let i = 0; i < 8; i++) {
      // nginx's $proxy_add_x_forwarded_for: what the client sent, then the address it saw.
      const r = await attempt("rotate@example.com", "wrong", `10.9.${i}.1, 203.0.113.7`);
      outcomes.push(r.ok ? "ok" : r.reason);
    }
    expect(outcomes).toEqual([...Array(5).fill("invalid"), ...Array(3).fill("rate_limited")]);
  });

  test("forging the owner's address in front does not lock the owner out", async () => {
    await signUp({ email: "owner@example.com", password: "correct-horse" });
    expect((await attempt("owner@example.com", "correct-horse", "198.51.100.4")).ok).toBe(true);
    for (let i = 0; i < 8; i++)
      await attempt("owner@example.com", "wrong", "198.51.100.4, 203.0.113.8");
    expect((await attempt("owner@example.com", "correct-horse", "198.51.100.4")).ok).toBe(true);
  });

  test("junk, a 400-character entry, ports and IPv6 brackets: an address or the socket's, never an error", async () => {
    expect(via("x".repeat(400))).toBe(PROXY);
    expect(via("1.2.3.4, not an address")).toBe(PROXY);
    expect(via("")).toBe(PROXY);
    expect(via(undefined)).toBe(PROXY);
    expect(via("1.2.3.4, 5.6.7.8:4711")).toBe("5.6.7.8");
    expect(via("[2001:db8::1]:443")).toBe("2001:db8::1");
    expect(via("2001:db8::2")).toBe("2001:db8::2");
    const r = await attempt("nobody@example.com", "wrong", `1.2.3.4, ${"9".repeat(400)}`);
    expect(r).toEqual({ ok: false, reason: "invalid" });
  });

  test("without TRUST_PROXY the header is ignored", () => {
    expect(via("203.0.113.9", false)).toBe(PROXY);
    expect(via("1.1.1.1, 203.0.113.9", false)).toBe(PROXY);
  });
});
