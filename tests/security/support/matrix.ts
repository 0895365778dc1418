// The access-control matrix's table: one row per `METHOD /path` of every route handler in
// app/ (tests/security/access-matrix.test.ts fails when a route has no row here, or a row
// names a route that no longer exists). A row says what the URL names and a valid request
// body, so that only access — never validation — decides the answer.
import { randomUUID } from "node:crypto";
import type { World } from "./world";

/**
 * What the route's URL names:
 * - session / asset: an id that must belong to the caller (401 signed out, else 404)
 * - media: a storage key that must belong to the caller
 * - share: a public share token (no sign-in; every bad token is the same 404)
 * - collection: the caller's own list (no id in the URL)
 * - webhook: an outgoing webhook's id that must belong to the caller
 * - batch: a batch's id (a CSV upload of ads) that must belong to the caller
 * - key: an API key id that must belong to the caller (managed with a cookie only: an API
 *   key asking is a 403 whoever owns the id)
 * - public: no user data behind it (health, sign-up, webhooks)
 * - unknown: no route serves the path (any caller: api.md's JSON 404)
 * - auth: Auth.js's own endpoints
 */
export type Target =
  | "session"
  | "asset"
  | "media"
  | "share"
  | "collection"
  | "webhook"
  | "batch"
  | "key"
  | "public"
  | "unknown"
  | "auth";

export type Row = {
  target: Target;
  /** The URL for an id / key / token. */
  url: (x: string) => string;
  body?: (w: World) => unknown;
  /** Served outside /api (the test server serves /api): call the handler module directly. */
  module?: string;
  /** Why a row is checked elsewhere instead of here. */
  elsewhere?: string;
};

const s =
  (suffix = "") =>
  (id: string) =>
    `/api/sessions/${id}${suffix}`;
const uuid = () => randomUUID();

export const ROWS: Record<string, Row> = {
  "GET /api/sessions": { target: "collection", url: () => "/api/sessions" },
  // The account's brand kit: each user only ever reaches their own (no id in the URL).
  "GET /api/brand": { target: "collection", url: () => "/api/brand" },
  "PUT /api/brand": {
    target: "collection",
    url: () => "/api/brand",
    body: () => ({ colors: ["#112233"] }),
  },
  "GET /api/brand/logo": { target: "collection", url: () => "/api/brand/logo" },
  "POST /api/brand/logo": {
    target: "collection",
    url: () => "/api/brand/logo",
    body: () => "upload",
  },
  "DELETE /api/brand/logo": { target: "collection", url: () => "/api/brand/logo" },
  "POST /api/sessions": {
    target: "collection",
    url: () => "/api/sessions",
    body: () => ({ productPrompt: "a matrix probe" }),
  },
  "GET /api/sessions/[id]": { target: "session", url: s() },
  "PATCH /api/sessions/[id]": { target: "session", url: s(), body: () => ({ budgetUsd: 9 }) },
  "DELETE /api/sessions/[id]": { target: "session", url: s() },
  "GET /api/sessions/[id]/estimate": {
    target: "session",
    url: (id) => `/api/sessions/${id}/estimate?stage=compose`,
  },
  "GET /api/sessions/[id]/costs": { target: "session", url: s("/costs") },
  "POST /api/sessions/[id]/generate-images": {
    target: "session",
    url: s("/generate-images"),
    body: () => ({}),
  },
  "PUT /api/sessions/[id]/approved-images": {
    target: "session",
    url: s("/approved-images"),
    body: (w) => ({ assetIds: w.ad.images.slice(0, 2).map((a) => a.id) }),
  },
  "POST /api/sessions/[id]/generate-clips": {
    target: "session",
    url: s("/generate-clips"),
    body: () => ({ videoPrompt: "a slow turn" }),
  },
  "PUT /api/sessions/[id]/approved-clips": {
    target: "session",
    url: s("/approved-clips"),
    body: (w) => ({ assetIds: [w.ad.clips[0].id] }),
  },
  "POST /api/sessions/[id]/compose": {
    target: "session",
    url: s("/compose"),
    body: () => ({ productName: "Shoes", callToAction: "Buy now" }),
  },
  "POST /api/sessions/[id]/variants": {
    target: "session",
    url: s("/variants"),
    body: () => ({ count: 2, vary: ["callToAction"] }),
  },
  "PUT /api/sessions/[id]/script": {
    target: "session",
    url: s("/script"),
    body: () => ({ hook: "A matrix probe.", lines: ["One line."] }),
  },
  "POST /api/sessions/[id]/script": { target: "session", url: s("/script"), body: () => ({}) },
  "POST /api/sessions/[id]/prepare": {
    target: "session",
    url: s("/prepare"),
    body: () => ({ aspectRatios: ["1:1"] }),
  },
  "POST /api/sessions/[id]/cancel": { target: "session", url: s("/cancel"), body: () => ({}) },
  "POST /api/sessions/[id]/retry": { target: "session", url: s("/retry"), body: () => ({}) },
  "POST /api/sessions/[id]/uploads": {
    target: "session",
    url: s("/uploads"),
    body: () => "upload",
  },
  "POST /api/sessions/[id]/share": { target: "session", url: s("/share"), body: () => ({}) },
  "DELETE /api/sessions/[id]/share": { target: "session", url: s("/share") },
  "POST /api/assets/[id]/regenerate": {
    target: "asset",
    url: (id) => `/api/assets/${id}/regenerate`,
    body: () => ({ seed: "new" }),
  },
  "POST /api/assets/[id]/reject": {
    target: "asset",
    url: (id) => `/api/assets/${id}/reject`,
    body: () => ({}),
  },
  "DELETE /api/assets/[id]/reject": { target: "asset", url: (id) => `/api/assets/${id}/reject` },
  "GET /api/sessions/[id]/share": { target: "session", url: s("/share") },
  "GET /api/media/[...key]": { target: "media", url: (key) => `/api/media/${key}` },
  "HEAD /api/media/[...key]": { target: "media", url: (key) => `/api/media/${key}` },
  "GET /api/share/[token]/video": { target: "share", url: (t) => `/api/share/${t}/video` },
  "HEAD /api/share/[token]/video": { target: "share", url: (t) => `/api/share/${t}/video` },
  "GET /api/share/[token]/poster": { target: "share", url: (t) => `/api/share/${t}/poster` },
  "HEAD /api/share/[token]/poster": { target: "share", url: (t) => `/api/share/${t}/poster` },
  "GET /api/keys": { target: "collection", url: () => "/api/keys" },
  "POST /api/keys": {
    target: "collection",
    url: () => "/api/keys",
    body: () => ({ name: "probe" }),
  },
  "DELETE /api/keys/[id]": { target: "key", url: (id) => `/api/keys/${id}` },
  ...Object.fromEntries(
    ["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"].map((m) => [
      `${m} /api/[...path]`,
      { target: "unknown", url: (x: string) => `/api/${x}` },
    ]),
  ),
  "GET /api/usage": { target: "collection", url: () => "/api/usage" },
  "GET /api/health": { target: "public", url: () => "/api/health" },
  "GET /api/openapi.json": { target: "public", url: () => "/api/openapi.json" },
  "GET /api/webhooks": { target: "collection", url: () => "/api/webhooks" },
  "POST /api/webhooks": {
    target: "collection",
    url: () => "/api/webhooks",
    // an address literal: no DNS lookup (this machine has no network)
    body: () => ({ url: "https://203.0.113.10/hook", events: ["session.completed"] }),
  },
  "DELETE /api/webhooks/[id]": { target: "webhook", url: (id) => `/api/webhooks/${id}` },
  "GET /api/webhooks/[id]/deliveries": {
    target: "webhook",
    url: (id) => `/api/webhooks/${id}/deliveries`,
  },
  // Batches (a CSV of ads): the caller's own list and upload, and batches by id.
  "GET /api/batches": { target: "collection", url: () => "/api/batches" },
  "POST /api/batches": { target: "collection", url: () => "/api/batches", body: () => "batch" },
  "GET /api/batches/[id]": { target: "batch", url: (id) => `/api/batches/${id}` },
  "GET /api/batches/[id]/download": {
    target: "batch",
    url: (id) => `/api/batches/${id}/download`,
  },
  // Voices and their previews are the deployment's, the same for every signed-in user.
  "GET /api/voices": { target: "collection", url: () => "/api/voices?language=en" },
  "GET /api/voices/[id]/preview": {
    target: "collection",
    url: () => "/api/voices/flite-kal/preview",
  },
  "HEAD /api/voices/[id]/preview": {
    target: "collection",
    url: () => "/api/voices/flite-kal/preview",
  },
  "POST /api/auth/signup": {
    target: "public",
    url: () => "/api/auth/signup",
    body: (w) => ({ email: w.owner.email, password: "long enough password" }),
  },
  "POST /api/webhooks/replicate": {
    target: "public",
    url: () => "/api/webhooks/replicate",
    body: () => ({ id: "p1", status: "succeeded" }),
  },
  "GET /api/auth/[...nextauth]": {
    target: "auth",
    url: () => "/api/auth/session",
    elsewhere:
      "Auth.js's module loads only inside Next: e2e/security-pages.spec.ts asks /api/auth/session with no cookie and a forged one",
  },
  "POST /api/auth/[...nextauth]": {
    target: "auth",
    url: () => "/api/auth/callback/credentials",
    elsewhere:
      "Auth.js's module loads only inside Next: sign-in (CSRF token, throttle) runs in e2e/auth-api.spec.ts and e2e/security-pages.spec.ts",
  },
  "GET /music-preview/[genre]": {
    target: "public",
    url: (g) => `/music-preview/${g}`,
    module: "@/app/(studio)/music-preview/[genre]/route",
  },
};

/** Ids that name nothing: malformed in every way a URL can carry (→ 404, never 400 or 500). */
export const MALFORMED_IDS = [
  "not-a-uuid",
  "123",
  "00000000-0000-0000-0000-00000000000g",
  "%27%20or%201%3D1--",
  "..%2f..%2fetc%2fpasswd",
  "%00",
  "x".repeat(300),
  "%F0%9F%98%80",
  encodeURIComponent("<script>alert(1)</script>"),
];

/** Keys of the media route that are not a stored file of the caller: traversal, encodings, case, suffixes. */
export function malformedKeys(sessionId: string, assetId: string): string[] {
  return [
    "..%2f..%2f..%2fetc%2fpasswd",
    "%2e%2e/%2e%2e/%2e%2e/etc/passwd",
    "..%252f..%252fetc%252fpasswd",
    `sessions/${sessionId}/..%2f${assetId}.png`,
    `sessions/${sessionId}/${assetId}.PNG`,
    `SESSIONS/${sessionId}/${assetId}.png`,
    `sessions/${sessionId}/${assetId}.png%00.txt`,
    `sessions/${sessionId}/${assetId}.png.txt`,
    `sessions/${sessionId}//${assetId}.png`,
    `sessions/${sessionId}/${assetId}`,
    `sessions/${sessionId}/%2e${assetId}.png`,
    "secrets.json",
    "postgres/postgresql.conf",
    `${"a/".repeat(20)}x.png`,
  ];
}

/** Share tokens that are not an active link: made up, traversal, encodings, wrong length. */
export function badTokens(): string[] {
  return [
    Buffer.from(uuid() + uuid())
      .toString("base64url")
      .slice(0, 43), // the right shape, made up
    "..%2f..%2fsecrets.json",
    "%2e%2e",
    "short",
    "A".repeat(44),
    encodeURIComponent("' or 1=1--"),
    "%00",
  ];
}

/** Other spellings of a valid key that URL decoding turns into that key. */
export function keyAliases(sessionId: string, assetId: string): string[] {
  return [`sessions%2f${sessionId}%2f${assetId}.png`, `sessions\\${sessionId}\\${assetId}.png`];
}
