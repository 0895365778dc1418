// The Content-Security-Policy of HTML pages, set per request by proxy.ts with a fresh nonce.
// Next's App Router streams its bootstrap and RSC payload as inline <script>s; with a nonce
// in the request's CSP header Next puts that nonce on each of them, so script-src needs no
// 'unsafe-inline' and an injected inline script does not run. The price: pages render
// dynamically (a prerendered page would carry no nonce) — this app's pages depend on the
// signed-in user anyway, and the root layout opts every page in (app/layout.tsx).
// Styles keep 'unsafe-inline': React style attributes (progress bars, previews) need it, and
// injected CSS cannot run code. Media may come from the S3 endpoint (presigned redirects).
import { env } from "../env";

export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(18))).toString("base64");
}

/** Origins presigned media URLs point at, when media lives in S3 (else none). */
export function mediaOrigins(): string[] {
  if (!env.S3_BUCKET) return [];
  if (env.S3_ENDPOINT) {
    const u = new URL(env.S3_ENDPOINT);
    return env.S3_FORCE_PATH_STYLE
      ? [u.origin]
      : [u.origin, `${u.protocol}//${env.S3_BUCKET}.${u.host}`];
  }
  const region = env.S3_REGION === "auto" ? "us-east-1" : env.S3_REGION;
  return [
    `https://${env.S3_BUCKET}.s3.${region}.amazonaws.com`,
    `https://s3.${region}.amazonaws.com`,
    `https://${env.S3_BUCKET}.s3.amazonaws.com`,
  ];
}

export function pageCsp({
  nonce,
  dev = env.NODE_ENV !== "production",
  https = false,
}: {
  nonce: string;
  dev?: boolean;
  https?: boolean;
}): string {
  const media = ["'self'", "blob:", "data:", ...mediaOrigins()].join(" ");
  const directives = [
    "default-src 'self'",
    // 'strict-dynamic': scripts the nonce'd bootstrap loads (Next's chunks) are trusted too.
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    `img-src ${media}`,
    `media-src ${media}`,
    "font-src 'self' data:",
    // Socket.IO and the API on the same origin ('self' covers ws(s): of it in CSP level 3).
    `connect-src 'self'${dev ? " ws: wss:" : ""}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "frame-src 'none'",
    "manifest-src 'self'",
  ];
  if (https) directives.push("upgrade-insecure-requests");
  return directives.join("; ");
}
