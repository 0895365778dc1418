// Security headers, in one place for next.config.mjs (every response Next serves) and the
// API route wrapper (so the JSON API carries them however it is served). Plain JS because
// next.config.mjs cannot import TypeScript. Pages get their Content-Security-Policy, with a
// per-request script nonce, from proxy.ts (lib/http/page-csp.ts).

/** On every response: pages, the JSON API, media. */
export const COMMON_SECURITY_HEADERS = [
  { key: "X-Content-Type-Options", value: "nosniff" },
  { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
  { key: "X-Frame-Options", value: "DENY" },
  { key: "Cross-Origin-Opener-Policy", value: "same-origin" },
  {
    key: "Permissions-Policy",
    value: "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
  },
];

/**
 * JSON and media are never documents to run: even a stored file opened directly in a tab
 * (an uploaded image, a video) may not run script, load anything or be framed.
 */
export const API_CONTENT_SECURITY_POLICY =
  "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'; sandbox";

/**
 * A share page's URL is its secret: it is never sent on as a referrer. After the common
 * headers in next.config.mjs, so this Referrer-Policy is the one sent.
 */
export const SHARE_PAGE_HEADERS = [{ key: "Referrer-Policy", value: "no-referrer" }];

/** Under every page, whatever else applies: no framing, no plugins, no <base> hijack. */
export const PAGE_FLOOR_CSP = "frame-ancestors 'none'; object-src 'none'; base-uri 'none'";

export const API_SECURITY_HEADERS = [
  ...COMMON_SECURITY_HEADERS,
  { key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY },
];
