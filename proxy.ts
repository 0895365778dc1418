// Runs before every page request: a fresh nonce and the page's Content-Security-Policy
// (lib/http/page-csp.ts). Next reads the nonce from the request's CSP header and puts it on
// the inline scripts it streams. Not an authorisation layer: every page and route checks the
// user itself. The API, static files and media are left out (next.config.mjs gives them a
// locked-down policy of their own).
import { type NextRequest, NextResponse } from "next/server";
import { newNonce, pageCsp } from "./lib/http/page-csp";

export function proxy(request: NextRequest) {
  const nonce = newNonce();
  const https =
    request.nextUrl.protocol === "https:" || request.headers.get("x-forwarded-proto") === "https";
  const csp = pageCsp({ nonce, https });
  const headers = new Headers(request.headers);
  headers.set("content-security-policy", csp);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set("Content-Security-Policy", csp);
  // The share page's URL is its secret (next.config.mjs says so too).
  if (request.nextUrl.pathname.startsWith("/share/"))
    res.headers.set("Referrer-Policy", "no-referrer");
  return res;
}

export const config = {
  matcher: [
    {
      source: "/((?!api/|_next/static|_next/image|icon|favicon|music-preview).*)",
      // Prefetches carry no HTML to protect and would get a nonce nobody uses.
      missing: [
        { type: "header", key: "next-router-prefetch" },
        { type: "header", key: "purpose", value: "prefetch" },
      ],
    },
  ],
};
