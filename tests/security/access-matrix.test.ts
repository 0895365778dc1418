// Access control, table-driven (issue 7.1): every route handler of the app — discovered from
// app/**/route.ts at test time, so a new route without a row fails here — is asked as a
// signed-out visitor, as another user, for a soft-deleted resource, a made-up id and
// malformed ids (traversal and encodings on the media and share routes). Signed out → 401,
// anything else → 404; never the owner's data, never a 5xx, and not one row changes. Every
// case asked with a cookie is asked again with that user's API key (`Authorization: Bearer`,
// no cookie), and every signed-out one with a revoked and an unknown key (→ 401).
// session:join is checked the same way over Socket.IO; pages with an id in the URL are
// listed here and driven through the production build in e2e/security-pages.spec.ts.

import { randomUUID } from "node:crypto";
import { existsSync } from "node:fs";
import path from "node:path";
import sharp from "sharp";
import { io as ioClient, type Socket } from "socket.io-client";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createApiKey, revokeApiKey } from "@/lib/auth/api-keys";
import { env } from "@/lib/env";
import { queue, stopQueue } from "@/lib/pipeline/queue";
import { closeEmitter } from "@/lib/realtime/events";
import type { JoinAck } from "@/lib/realtime/protocol";
import { attachRealtime, type Realtime } from "@/lib/realtime/server";
import { startTestServer, type TestServer } from "../support/test-server";
import type { TestUser } from "../support/users";
import { type DbSnapshot, dbSnapshot } from "./support/db-snapshot";
import {
  badTokens,
  keyAliases,
  MALFORMED_IDS,
  malformedKeys,
  ROWS,
  type Row,
} from "./support/matrix";
import { PAGE_ROWS } from "./support/page-matrix";
import { discoverDynamicPages, discoverRoutes } from "./support/routes";
import { buildWorld, type World } from "./support/world";

let server: TestServer;
let realtime: Realtime;
let w: World;
let before: DbSnapshot;
let photo: Buffer;
/** API keys: the owner's and the other user's working ones, and one the owner revoked. */
let keys: { owner: string; ownerId: string; other: string; revoked: string; revokedId: string };

beforeAll(async () => {
  await queue(); // health answers about the queue; its schema exists before the snapshot
  server = await startTestServer({ attach: (http) => (realtime = attachRealtime(http)) });
  w = await buildWorld();
  const owner = await createApiKey({ userId: w.owner.id, name: "owner's script" });
  const other = await createApiKey({ userId: w.other.id, name: "other's script" });
  const revoked = await createApiKey({ userId: w.owner.id, name: "revoked" });
  await revokeApiKey({ userId: w.owner.id, id: revoked.key.id });
  keys = {
    owner: owner.token,
    ownerId: owner.key.id,
    other: other.token,
    revoked: revoked.token,
    revokedId: revoked.key.id,
  };
  // The matrix makes hundreds of calls a minute with one key: the limit is tested elsewhere.
  (env as { API_KEY_RATE_LIMIT_PER_MINUTE: number }).API_KEY_RATE_LIMIT_PER_MINUTE = 1_000_000;
  photo = await sharp({ create: { width: 128, height: 128, channels: 3, background: "#e85d8a" } })
    .png()
    .toBuffer();
  before = await dbSnapshot();
});
afterAll(async () => {
  await realtime?.close();
  await server?.close();
  await stopQueue();
  await closeEmitter();
});

type Case = {
  name: string;
  x: string;
  user?: TestUser;
  token?: string;
  expect: number;
  /** The answer to the same request made with the user's API key, when it differs. */
  withKey?: number;
};
type Answer = { status: number; text: string; headers: Headers };

async function send(
  route: string,
  row: Row,
  x: string,
  user?: TestUser,
  token?: string,
): Promise<Answer> {
  const method = route.split(" ")[0];
  const url = row.url(x);
  const headers: Record<string, string> = {
    origin: server.url,
    ...(user ? { cookie: user.cookie } : {}),
    ...(token ? { authorization: `Bearer ${token}` } : {}),
  };
  let body: BodyInit | undefined;
  const raw = row.body?.(w);
  if (raw === "batch") {
    const form = new FormData();
    form.append(
      "csv",
      new Blob(["productPrompt,productName,callToAction\nA probe,Probe,Buy"]),
      "a.csv",
    );
    body = form;
  } else if (raw === "upload") {
    const form = new FormData();
    form.append("file", new Blob([new Uint8Array(photo)], { type: "image/png" }), "photo.png");
    body = form;
  } else if (raw !== undefined) {
    headers["content-type"] = "application/json";
    body = JSON.stringify(raw);
  }
  let res: Response;
  if (row.module) {
    // Outside /api: the handler itself, with the params Next would pass.
    const mod = (await import(/* @vite-ignore */ row.module)) as Record<
      string,
      (req: Request, ctx: unknown) => Promise<Response>
    >;
    const req = new Request(new URL(url, "http://127.0.0.1"), { method, headers, body });
    res = await mod[method](req, {
      params: Promise.resolve({ genre: decodeURIComponent(url.split("/").pop()!) }),
    });
  } else {
    res = await fetch(`${server.url}${url}`, { method, headers, body, redirect: "manual" });
  }
  return { status: res.status, text: await res.text(), headers: res.headers };
}

/** Strings that must never appear in an answer to anyone but the owner. */
const ownerSecrets = () => [
  w.marker,
  w.ad.session.id,
  ...w.ad.images.map((a) => a.id),
  ...w.ad.clips.map((a) => a.id),
  w.ad.final!.id,
  w.ad.shareToken!,
  keys.owner,
  keys.ownerId,
  w.batchId,
];

function casesFor(row: Row): { refused: Case[]; controls: Case[] } {
  const { ad, other, owner } = w;
  const made = randomUUID();
  switch (row.target) {
    case "session":
      return {
        refused: [
          { name: "signed out", x: ad.session.id, expect: 401 },
          { name: "another user's ad", x: ad.session.id, user: other, expect: 404 },
          { name: "a soft-deleted ad", x: w.deletedAd.session.id, user: other, expect: 404 },
          { name: "a made-up id", x: made, user: other, expect: 404 },
          ...MALFORMED_IDS.map((id) => ({
            name: `malformed id ${id.slice(0, 40)}`,
            x: id,
            user: other,
            expect: 404,
          })),
        ],
        controls: [],
      };
    case "asset":
      return {
        refused: [
          { name: "signed out", x: ad.images[0].id, expect: 401 },
          { name: "another user's image", x: ad.images[0].id, user: other, expect: 404 },
          { name: "another user's clip", x: ad.clips[0].id, user: other, expect: 404 },
          {
            name: "a soft-deleted image of a live ad",
            x: w.deletedAsset.id,
            user: other,
            expect: 404,
          },
          {
            name: "an image of a soft-deleted ad",
            x: w.deletedAd.images[0].id,
            user: other,
            expect: 404,
          },
          { name: "a made-up id", x: made, user: other, expect: 404 },
          ...MALFORMED_IDS.map((id) => ({
            name: `malformed id ${id.slice(0, 40)}`,
            x: id,
            user: other,
            expect: 404,
          })),
        ],
        controls: [],
      };
    case "webhook":
      return {
        refused: [
          { name: "signed out", x: w.webhookId, expect: 401 },
          { name: "another user's webhook", x: w.webhookId, user: other, expect: 404 },
          { name: "a deleted webhook", x: w.deletedWebhookId, user: owner, expect: 404 },
          { name: "a made-up id", x: made, user: other, expect: 404 },
          ...MALFORMED_IDS.map((id) => ({
            name: `malformed id ${id.slice(0, 40)}`,
            x: id,
            user: other,
            expect: 404,
          })),
        ],
        controls: [],
      };
    case "batch":
      return {
        refused: [
          { name: "signed out", x: w.batchId, expect: 401 },
          { name: "another user's batch", x: w.batchId, user: other, expect: 404 },
          { name: "a made-up id", x: made, user: other, expect: 404 },
          ...MALFORMED_IDS.map((id) => ({
            name: `malformed id ${id.slice(0, 40)}`,
            x: id,
            user: other,
            expect: 404,
          })),
        ],
        controls: [{ name: "the owner's own batch", x: w.batchId, user: owner, expect: 200 }],
      };
    case "media": {
      const key = ad.images[0].storagePath!;
      const poster = (ad.final!.metadata as { posterKey: string }).posterKey;
      return {
        refused: [
          { name: "signed out", x: key, expect: 401 },
          ...[key, ad.clips[0].storagePath!, ad.final!.storagePath!, poster].map((k) => ({
            name: `another user's file ${k.split("/").pop()}`,
            x: k,
            user: other,
            expect: 404,
          })),
          {
            name: "a soft-deleted image's file",
            x: w.deletedAsset.storagePath!,
            user: other,
            expect: 404,
          },
          {
            name: "a file of a soft-deleted ad",
            x: w.deletedAd.images[0].storagePath!,
            user: other,
            expect: 404,
          },
          {
            name: "a made-up key",
            x: `sessions/${made}/${randomUUID()}.png`,
            user: other,
            expect: 404,
          },
          {
            name: "own session, another user's asset id",
            x: `sessions/${w.liveAd.session.id}/${ad.images[0].id}.png`,
            user: other,
            expect: 404,
          },
          {
            name: "another user's session, own asset id",
            x: `sessions/${ad.session.id}/${w.liveAd.images[0].id}.png`,
            user: other,
            expect: 404,
          },
          // Traversal and encodings get nothing, even for the owner of the ad they point into.
          ...malformedKeys(ad.session.id, ad.images[0].id).map((k) => ({
            name: `owner, malformed key ${k.slice(0, 60)}`,
            x: k,
            user: owner,
            expect: 404,
          })),
          ...malformedKeys(ad.session.id, ad.images[0].id).map((k) => ({
            name: `other, malformed key ${k.slice(0, 60)}`,
            x: k,
            user: other,
            expect: 404,
          })),
          ...keyAliases(ad.session.id, ad.images[0].id).map((k) => ({
            name: `other, alias of the owner's key ${k.slice(0, 60)}`,
            x: k,
            user: other,
            expect: 404,
          })),
        ],
        controls: [
          { name: "the owner's own file", x: key, user: owner, expect: 200 },
          // Spellings the URL layer turns into the same key (an escaped slash, a backslash that
          // fetch normalises): the same file, for its owner only.
          ...keyAliases(ad.session.id, ad.images[0].id).map((k) => ({
            name: `the owner, alias ${k.slice(0, 60)}`,
            x: k,
            user: owner,
            expect: 200,
          })),
        ],
      };
    }
    case "share":
      return {
        refused: [
          { name: "a revoked link", x: w.revokedToken, expect: 404 },
          { name: "a link of a soft-deleted ad", x: w.deletedAd.shareToken!, expect: 404 },
          {
            name: "a revoked link, signed in as its owner",
            x: w.revokedToken,
            user: owner,
            expect: 404,
          },
          ...badTokens().map((t) => ({ name: `token ${t.slice(0, 40)}`, x: t, expect: 404 })),
        ],
        controls: [
          { name: "the active link, signed out (it is public)", x: ad.shareToken!, expect: 200 },
        ],
      };
    case "collection":
      return {
        refused: [{ name: "signed out", x: "", expect: 401 }],
        controls: [],
      };
    case "key":
      return {
        refused: [
          { name: "signed out", x: keys.ownerId, expect: 401 },
          // Key management is for cookies: any API key is refused (403) before the id is
          // looked up, so the answer says nothing about whose id it is. A malformed id is
          // refused earlier still, by the route's parameter check (404).
          {
            name: "another user's key",
            x: keys.ownerId,
            user: other,
            expect: 404,
            withKey: 403,
          },
          {
            name: "a revoked key, as its owner",
            x: keys.revokedId,
            user: owner,
            expect: 404,
            withKey: 403,
          },
          { name: "a made-up id", x: made, user: other, expect: 404, withKey: 403 },
          ...MALFORMED_IDS.map((id) => ({
            name: `malformed id ${id.slice(0, 40)}`,
            x: id,
            user: other,
            expect: 404,
          })),
        ],
        controls: [],
      };
    case "unknown":
      return {
        refused: [
          { name: "signed out", x: "no-such-route", expect: 404 },
          { name: "the owner", x: "no-such-route", user: owner, expect: 404 },
          {
            name: "another user, under the owner's ad",
            x: `sessions/${ad.session.id}/no-such-step`,
            user: other,
            expect: 404,
          },
          { name: "a traversal", x: "..%2f..%2fsecrets.json", user: other, expect: 404 },
        ],
        controls: [],
      };
    case "public":
      return { refused: [], controls: [] };
    case "auth":
      return { refused: [], controls: [] };
  }
}

function problems(route: string, c: Case, a: Answer, secrets: string[]): string[] {
  const out: string[] = [];
  const tag = `${route} — ${c.name}`;
  if (a.status >= 500) out.push(`${tag}: HTTP ${a.status} ${a.text.slice(0, 200)}`);
  else if (a.status !== c.expect)
    out.push(`${tag}: expected ${c.expect}, got ${a.status} ${a.text.slice(0, 200)}`);
  if (c.expect >= 400 && !route.startsWith("HEAD")) {
    let body: { error?: { code?: unknown; message?: unknown } } | undefined;
    try {
      body = JSON.parse(a.text);
    } catch {
      body = undefined;
    }
    if (typeof body?.error?.code !== "string" || typeof body?.error?.message !== "string")
      out.push(`${tag}: not api.md's error shape: ${a.text.slice(0, 200)}`);
  }
  for (const secret of secrets)
    if (c.expect >= 400 && a.text.includes(secret))
      out.push(`${tag}: the answer contains ${secret}`);
  return out;
}

describe("every route has a row", () => {
  test("each METHOD /path of app/**/route.ts is in the matrix, and each row is a route", () => {
    const discovered = discoverRoutes();
    const missing = discovered.filter((r) => !ROWS[r]);
    const stale = Object.keys(ROWS).filter((r) => !discovered.includes(r));
    expect(missing, "routes with no row in tests/security/support/matrix.ts: add one").toEqual([]);
    expect(stale, "rows whose route no longer exists").toEqual([]);
  });

  test("every route of api.md is served", () => {
    const apiMd = [
      "GET /api/health",
      "POST /api/auth/signup",
      "GET /api/sessions",
      "POST /api/sessions",
      "GET /api/sessions/[id]",
      "DELETE /api/sessions/[id]",
      "GET /api/sessions/[id]/estimate",
      "POST /api/sessions/[id]/generate-images",
      "PUT /api/sessions/[id]/approved-images",
      "POST /api/sessions/[id]/generate-clips",
      "PUT /api/sessions/[id]/approved-clips",
      "POST /api/sessions/[id]/compose",
      "POST /api/sessions/[id]/cancel",
      "POST /api/sessions/[id]/retry",
      "POST /api/sessions/[id]/uploads",
      "POST /api/assets/[id]/regenerate",
      "GET /api/sessions/[id]/costs",
      "POST /api/sessions/[id]/share",
      "DELETE /api/sessions/[id]/share",
      "POST /api/webhooks/replicate",
      "GET /api/keys",
      "POST /api/keys",
      "DELETE /api/keys/[id]",
    ];
    expect(apiMd.filter((r) => !discoverRoutes().includes(r))).toEqual([]);
  });

  test("each page with an id in its URL has a row (driven in e2e/security-pages.spec.ts)", () => {
    const pages = discoverDynamicPages();
    expect(pages).toEqual(expect.arrayContaining(["/sessions/[id]", "/share/[token]"]));
    expect(
      pages.filter((p) => !PAGE_ROWS[p]),
      "pages with no row in tests/security/support/page-matrix.ts",
    ).toEqual([]);
    expect(
      Object.keys(PAGE_ROWS).filter((p) => !pages.includes(p)),
      "page rows whose page no longer exists",
    ).toEqual([]);
    expect(existsSync(path.resolve(import.meta.dirname, "../../e2e/security-pages.spec.ts"))).toBe(
      true,
    );
  });
});

describe("the matrix", () => {
  for (const route of Object.keys(ROWS)) {
    const row = ROWS[route];
    test(route, async () => {
      if (row.elsewhere) {
        expect(row.elsewhere).toMatch(/e2e\//); // says where it is checked
        return;
      }
      const found: string[] = [];
      const { refused, controls } = withApiKeys(row, casesFor(row));
      for (const c of refused)
        found.push(
          ...problems(route, c, await send(route, row, c.x, c.user, c.token), ownerSecrets()),
        );
      for (const c of controls) {
        const a = await send(route, row, c.x, c.user, c.token);
        if (a.status !== c.expect)
          found.push(
            `${route} — control ${c.name}: expected ${c.expect}, got ${a.status} ${a.text.slice(0, 200)}`,
          );
      }
      found.push(...(await extraChecks(route, row)));
      expect(found).toEqual([]);
    });
  }

  test("no refused request changed a row (row counts, updated_at, every row's content)", async () => {
    expect(await dbSnapshot()).toEqual(before);
  });
});

/**
 * The same cases asked with an API key instead of the cookie (the key of the same user, no
 * cookie), and signed-out ones with a revoked key, an unknown key and a revoked key next to
 * the owner's valid cookie (a Bearer header decides alone).
 */
function withApiKeys(row: Row, cases: { refused: Case[]; controls: Case[] }) {
  const apiRoutes: Row["target"][] = [
    "session",
    "asset",
    "media",
    "collection",
    "key",
    "unknown",
    "batch",
  ];
  if (!apiRoutes.includes(row.target)) return cases;
  const asKey = (c: Case): Case[] => {
    if (!c.user) return [];
    const token = c.user === w.owner ? keys.owner : keys.other;
    const expect = c.withKey ?? c.expect;
    return [{ ...c, name: `${c.name}, with the API key`, user: undefined, token, expect }];
  };
  const unknownKey = `ak_live_${"A".repeat(43)}`;
  const badKeys = (c: Case): Case[] =>
    c.user || c.expect !== 401
      ? []
      : [
          { ...c, name: `${c.name}: a revoked API key`, token: keys.revoked },
          { ...c, name: `${c.name}: an unknown API key`, token: unknownKey },
          { ...c, name: `${c.name}: a malformed API key`, token: "not-a-key" },
          {
            ...c,
            name: `${c.name}: a revoked API key beside the owner's cookie`,
            user: w.owner,
            token: keys.revoked,
          },
        ];
  return {
    refused: [...cases.refused, ...cases.refused.flatMap((c) => [...asKey(c), ...badKeys(c)])],
    controls: [...cases.controls, ...cases.controls.flatMap(asKey)],
  };
}

/** Routes whose answer depends on whose list it is, or that are public by design. */
async function extraChecks(route: string, row: Row): Promise<string[]> {
  const out: string[] = [];
  const check = (ok: boolean, what: string) => ok || out.push(`${route}: ${what}`);
  if (route === "GET /api/sessions") {
    const mine = await send(route, row, "", w.owner);
    check(
      mine.status === 200 && mine.text.includes(w.ad.session.id),
      "the owner's list has the owner's ad",
    );
    const theirs = await send(route, row, "", w.other);
    check(theirs.status === 200, `another user's list answers 200 (got ${theirs.status})`);
    for (const secret of ownerSecrets())
      check(!theirs.text.includes(secret), `another user's list contains ${secret}`);
    check(!theirs.text.includes(w.deletedAd.session.id), "a soft-deleted ad is listed");
    check(theirs.text.includes(w.liveAd.session.id), "the other user's own live ad is listed");
  }
  if (route === "GET /api/keys") {
    const mine = await send(route, row, "", w.owner);
    check(
      mine.status === 200 &&
        mine.text.includes(keys.ownerId) &&
        !mine.text.includes(keys.revokedId),
      "the owner's list has the owner's working key only",
    );
    check(!mine.text.includes(keys.owner), "the owner's list holds no token");
    for (const [who, user, token] of [
      ["another user", w.other, undefined],
      ["another user's API key", undefined, keys.other],
    ] as const) {
      const theirs = await send(route, row, "", user, token);
      check(theirs.status === 200, `${who} lists their own keys (got ${theirs.status})`);
      check(
        !theirs.text.includes(keys.ownerId) && !theirs.text.includes(keys.owner.slice(0, 16)),
        `${who}'s list shows the owner's key`,
      );
    }
  }
  if (route === "POST /api/keys") {
    const a = await send(route, row, "", undefined, keys.other);
    check(a.status === 403, `an API key creating a key: ${a.status} ${a.text}`);
  }
  if (route === "GET /api/sessions/[id]") {
    const viaKey = await send(route, row, w.ad.session.id, undefined, keys.owner);
    check(
      viaKey.status === 200 && viaKey.text.includes(w.marker),
      "the owner's API key reads their ad (so the keys' 404s are not vacuous)",
    );
    const mine = await send(route, row, w.ad.session.id, w.owner);
    check(
      mine.status === 200 && mine.text.includes(w.marker),
      "the owner reads their ad (so the 404s are not vacuous)",
    );
    const theirs = await send(route, row, w.liveAd.session.id, w.other);
    const listed =
      theirs.status === 200
        ? (JSON.parse(theirs.text).images as { id: string }[]).map((a) => a.id)
        : [];
    check(
      listed.length === 3 && !listed.includes(w.deletedAsset.id),
      "a soft-deleted image is not listed in its live ad",
    );
  }
  if (route === "GET /api/sessions/[id]/costs") {
    check(
      (await send(route, row, w.ad.session.id, w.owner)).status === 200,
      "the owner reads their costs",
    );
  }
  if (route === "GET /api/health") {
    const a = await send(route, row, "");
    check(
      a.status === 200 &&
        Object.keys(JSON.parse(a.text)).sort().join() === "db,queue,status,storage",
      `health, signed out: ${a.status} ${a.text}`,
    );
  }
  if (route === "POST /api/auth/signup") {
    const a = await send(route, row, "");
    check(
      a.status === 409 && !a.text.includes(String(w.owner.id)),
      `sign-up with a taken email: ${a.status} ${a.text}`,
    );
  }
  if (route === "POST /api/webhooks/replicate") {
    for (const user of [undefined, w.owner]) {
      const a = await send(route, row, "", user);
      check(
        a.status === 401,
        `an unsigned webhook${user ? " with a session cookie" : ""}: ${a.status}`,
      );
    }
  }
  if (route === "GET /music-preview/[genre]") {
    check((await send(route, row, "upbeat")).status === 401, "music preview signed out → 401");
    for (const g of ["../../secrets", "%2e%2e", "rock", "__proto__"]) {
      const a = await send(route, row, g, w.other);
      check(a.status === 404, `music preview genre ${g}: ${a.status}`);
    }
    const ok = await send(route, row, "upbeat", w.owner);
    check(
      ok.status === 200 && ok.headers.get("content-type") === "audio/wav",
      `music preview for a signed-in user: ${ok.status}`,
    );
  }
  if (row.target === "share") {
    const a = await send(route, row, w.ad.shareToken!);
    check(
      a.headers.get("referrer-policy") === "no-referrer",
      "a shared file is served with Referrer-Policy: no-referrer",
    );
  }
  return out;
}

describe("session:join over Socket.IO", () => {
  const sockets: Socket[] = [];
  afterAll(() => {
    for (const s of sockets) s.close();
  });

  function connect(cookie?: string): Promise<Socket> {
    const socket = ioClient(server.url, {
      path: "/socket.io",
      transports: ["websocket"],
      reconnection: false,
      forceNew: true,
      extraHeaders: cookie ? { cookie } : {},
    });
    sockets.push(socket);
    return new Promise((resolve, reject) => {
      socket.once("connect", () => resolve(socket));
      socket.once("connect_error", reject);
    });
  }
  const join = (s: Socket, sessionId: unknown) =>
    s.timeout(10_000).emitWithAck("session:join", { sessionId }) as Promise<JoinAck>;

  test("signed out or a forged cookie: no connection at all", async () => {
    await expect(connect()).rejects.toThrow(/unauthorized/);
    await expect(connect("authjs.session-token=eyJforged")).rejects.toThrow(/unauthorized/);
  });

  test("another user's, soft-deleted, made-up and malformed ids get the same not_found, without data", async () => {
    const s = await connect(w.other.cookie);
    const ids: unknown[] = [
      w.ad.session.id,
      w.deletedAd.session.id,
      randomUUID(),
      ...MALFORMED_IDS,
      42,
      null,
      { $ne: null },
      ["x"],
    ];
    for (const id of ids) {
      const ack = await join(s, id);
      expect(ack, `join ${JSON.stringify(id)}`).toEqual({
        ok: false,
        error: { code: "not_found", message: expect.any(String) },
      });
      expect(JSON.stringify(ack)).not.toContain(w.marker);
    }
    const own = await join(s, w.liveAd.session.id);
    expect(own.ok).toBe(true);
  });

  test("the owner joins their own ad (so the refusals are not vacuous)", async () => {
    const ack = await join(await connect(w.owner.cookie), w.ad.session.id);
    expect(ack).toMatchObject({ ok: true, session: { id: w.ad.session.id } });
  });
});
