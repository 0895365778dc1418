// Any input (issue 7.2): property-based requests (fast-check, fixed seeds, printed) to every
// JSON body and query of the API — arbitrary JSON, the right keys with wrong values, huge and
// unicode strings, prototype-pollution keys, numbers JSON can spell but JS bends (1e999,
// -0, 1e308), broken JSON. Every answer is 2xx or 4xx, a 4xx has api.md's error shape, no
// answer is a 5xx, and a refused request changes no row in any table.
import "../support/quiet-logs";
import "./support/webhook-env";
import { deflateSync } from "node:zlib";
import { eq } from "drizzle-orm";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { sessions } from "@/lib/db/schema";
import { queue, stopQueue } from "@/lib/pipeline/queue";
import { closeEmitter } from "@/lib/realtime/events";
import { signWebhook } from "@/lib/webhooks/verify";
import { startTestServer, type TestServer } from "../support/test-server";
import { createTestUser, type TestUser } from "../support/users";
import { dbSnapshot } from "./support/db-snapshot";
import { discoverRoutes } from "./support/routes";
import { WEBHOOK_SECRET } from "./support/webhook-env";
import { type Ad, completedAd } from "./support/world";

const SEED = Number(process.env.FUZZ_SEED ?? 20240607);
const RUNS = Number(process.env.FUZZ_RUNS ?? 50);

let server: TestServer;
let user: TestUser;
const ads: Record<string, Ad> = {};

beforeAll(async () => {
  console.log(`input fuzz: seed ${SEED}, ${RUNS} runs per route (FUZZ_SEED / FUZZ_RUNS to change)`);
  await queue();
  server = await startTestServer();
  user = await createTestUser("fuzzer");
  // One ad per route in the status that route acts on, so an accepted request on one route
  // never changes what another route sees.
  const at = async (name: string, status: (typeof sessions.$inferSelect)["status"]) => {
    const ad = await completedAd(user, `fuzz ${name}`);
    await db()
      .update(sessions)
      .set({ status, finalVideoId: status === "completed" ? ad.final!.id : null })
      .where(eq(sessions.id, ad.session.id));
    ads[name] = ad;
  };
  await at("patch", "created");
  await at("images", "created");
  await at("approveImages", "reviewing_images");
  await at("clips", "reviewing_images");
  await at("approveClips", "reviewing_videos");
  await at("compose", "reviewing_videos");
  await at("cancel", "reviewing_images");
  await at("retry", "failed");
  await at("regenerate", "reviewing_images");
  await at("share", "completed");
  await at("query", "completed");
});
afterAll(async () => {
  await server?.close();
  await stopQueue();
  await closeEmitter();
});

// --- arbitraries ---------------------------------------------------------------------------
const ids = () => [
  ...Object.values(ads).flatMap((a) => [
    a.session.id,
    ...a.images.map((i) => i.id),
    ...a.clips.map((c) => c.id),
  ]),
];

/** Values of every kind a field might be sent: JSON of any shape, strings that hurt, real ids. */
const nasty = () =>
  fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.string({ unit: "grapheme", maxLength: 80 }),
    fc.string({ unit: "binary", maxLength: 40 }),
    fc.constantFrom(
      "",
      " ",
      "\u0000",
      "a\u0000b",
      "\u0001\u0008\u000b\u001f\u007f",
      "tab\there",
      "\ud800",
      "x\udfffy",
      "\u202e\u202d",
      "😀".repeat(60),
      "x".repeat(5000),
      "<script>alert(1)</script>",
      "'; drop table sessions;--",
      "../../etc/passwd",
      "#FFFFFF",
      "9:16",
      "new",
      "same",
      "upbeat",
      "inter",
    ),
    fc.constantFrom(...ids()),
    fc.double(),
    fc.integer(),
    fc.array(fc.constantFrom(...ids()), { maxLength: 10 }),
    fc.constantFrom(0, -1, 2, 3, 4, 6, 8, 0.5, 1e308, -1e308, Number.MAX_SAFE_INTEGER, 5e-324),
  );

/** Raw JSON text JS cannot round-trip (1e999 → Infinity, -0, duplicate and prototype keys). */
const RAW_TEXTS = [
  '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}',
  '{"budgetUsd":1e999}',
  '{"budgetUsd":-1e999}',
  '{"numImages":-0,"productPrompt":"x"}',
  '{"confirmEstimate":1e308}',
  '{"clipDurationSeconds":3e0,"videoPrompt":"x"}',
  '{"assetIds":[],"assetIds":["x"]}',
  "null",
  "[]",
  '""',
  "0",
  "true",
  "{",
  `{"a":${"[".repeat(5000)}${"]".repeat(5000)}}`,
  "\uFEFF{}",
  '{"productPrompt":"\\ud800"}',
  "x".repeat(300 * 1024),
];

function bodies(keys: string[], valid?: () => Record<string, unknown>): fc.Arbitrary<string> {
  const record = fc.dictionary(
    fc.constantFrom(...keys, "__proto__", "constructor", "prototype", "extra"),
    nasty(),
    { maxKeys: keys.length + 2 },
  );
  // A valid body with one field changed, dropped or added: gets past the first check often
  // enough to reach the state checks and the database.
  const nearlyValid = fc
    .tuple(fc.constantFrom(...keys, "extra"), nasty(), fc.constantFrom("set", "drop", "keep"))
    .map(([key, value, how]) => {
      const body: Record<string, unknown> = { ...valid?.() };
      if (how === "set") body[key] = value;
      if (how === "drop") delete body[key];
      return JSON.stringify(body);
    });
  return fc.oneof(
    { weight: valid ? 5 : 0, arbitrary: nearlyValid },
    { weight: 4, arbitrary: record.map((r) => JSON.stringify(r)) },
    { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)) },
    { weight: 2, arbitrary: fc.constantFrom(...RAW_TEXTS) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200 }) },
    {
      weight: 1,
      arbitrary: record.map((r) =>
        JSON.stringify(r).replace(/^\{/, '{"__proto__":{"polluted":true},'),
      ),
    },
  );
}

const text = (n = 80) =>
  fc.oneof(
    fc.string({ unit: "grapheme", maxLength: n }),
    fc.constantFrom(
      "",
      "%",
      "%00",
      "\u0000",
      "\u0001",
      "\ud800",
      "%zz",
      "%c0%af",
      "&status=created",
      "1e999",
      "-0",
      "NaN",
      "x".repeat(5000),
      "__proto__",
    ),
  );

// --- the property ------------------------------------------------------------------------------
type Sent = { status: number; body: string };

async function send(
  method: string,
  path: string,
  body?: string,
  headers: Record<string, string> = {},
): Promise<Sent> {
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      cookie: user.cookie,
      origin: server.url,
      ...(body !== undefined ? { "content-type": "application/json" } : {}),
      ...headers,
    },
    body,
  });
  return { status: res.status, body: await res.text() };
}

/** Answers per route, printed at the end: the runs reached both acceptance and refusal. */
const tally = new Map<string, Map<number, number>>();
afterAll(() => {
  for (const [route, counts] of tally)
    console.log(
      `  ${route}: ${[...counts]
        .sort(([a], [b]) => a - b)
        .map(([s, n]) => `${s}×${n}`)
        .join(" ")}`,
    );
});

/** Sends, then checks the answer's shape and, when refused, that nothing changed. */
async function holds(
  method: string,
  path: string,
  body?: string,
  headers?: Record<string, string>,
): Promise<void> {
  const before = await dbSnapshot();
  const res = await send(method, path, body, headers);
  const route = `${method} ${path.replace(/[0-9a-f-]{36}/g, ":id").split("?")[0]}${headers?.["idempotency-key"] !== undefined ? " (Idempotency-Key)" : ""}`;
  const counts = tally.get(route) ?? new Map<number, number>();
  counts.set(res.status, (counts.get(res.status) ?? 0) + 1);
  tally.set(route, counts);
  const what = `${method} ${path.slice(0, 120)} ${String(body).slice(0, 200)} → ${res.status} ${res.body.slice(0, 300)}`;
  expect(res.status, what).toBeLessThan(500);
  expect(res.status, what).toBeGreaterThanOrEqual(200);
  if (res.status >= 400) {
    const json = JSON.parse(res.body);
    expect(typeof json.error?.code, what).toBe("string");
    expect(typeof json.error?.message, what).toBe("string");
    if (json.error.code === "invalid_input")
      expect(Array.isArray(json.error.issues), what).toBe(true);
    expect(await dbSnapshot(), `a refused request changed rows: ${what}`).toEqual(before);
  }
  expect(({} as Record<string, unknown>).polluted, "Object.prototype was polluted").toBeUndefined();
}

const run = (arb: fc.Arbitrary<unknown>, check: (v: never) => Promise<void>, runs = RUNS) =>
  fc.assert(fc.asyncProperty(arb, check as (v: unknown) => Promise<void>), {
    seed: SEED,
    numRuns: runs,
    endOnFailure: true,
  });

const id = (name: string) => ads[name].session.id;

type BodyRoute = [
  method: string,
  name: string,
  path: () => string,
  keys: string[],
  valid?: () => Record<string, unknown>,
];
const BODY_ROUTES: BodyRoute[] = [
  [
    "POST",
    "create",
    () => "/api/sessions",
    ["productPrompt", "productCategory", "numImages", "styleKeywords", "aspectRatio", "budgetUsd"],
    () => ({ productPrompt: "fuzzed shoes", numImages: 4 }),
  ],
  [
    "PATCH",
    "budget",
    () => `/api/sessions/${id("patch")}`,
    ["budgetUsd"],
    () => ({ budgetUsd: 9 }),
  ],
  [
    "POST",
    "generate-images",
    () => `/api/sessions/${id("images")}/generate-images`,
    ["confirmEstimate"],
    () => ({}),
  ],
  [
    "PUT",
    "approved-images",
    () => `/api/sessions/${id("approveImages")}/approved-images`,
    ["assetIds"],
    () => ({ assetIds: ads.approveImages.images.slice(0, 2).map((a) => a.id) }),
  ],
  [
    "POST",
    "generate-clips",
    () => `/api/sessions/${id("clips")}/generate-clips`,
    ["videoPrompt", "clipDurationSeconds", "clips"],
    () => ({
      videoPrompt: "a slow turn",
      clips: [{ imageId: ads.clips.images[0].id, cameraMovement: "orbit", motionIntensity: 0.5 }],
    }),
  ],
  [
    "PUT",
    "approved-clips",
    () => `/api/sessions/${id("approveClips")}/approved-clips`,
    ["assetIds"],
    () => ({ assetIds: [ads.approveClips.clips[1].id] }),
  ],
  [
    "POST",
    "compose",
    () => `/api/sessions/${id("compose")}/compose`,
    ["productName", "callToAction", "textColor", "textFont", "backgroundMusic", "aspectRatios"],
    () => ({
      productName: "Shoes",
      callToAction: "Buy",
      backgroundMusic: { enabled: true, genre: "chill" },
      aspectRatios: ["9:16", "1:1"],
    }),
  ],
  [
    "POST",
    "variants",
    // A finished ad that was never composed here: a valid body is a 409, nothing starts.
    () => `/api/sessions/${id("query")}/variants`,
    ["variants", "count", "vary", "confirmEstimate"],
    () => ({ count: 2, vary: ["callToAction"] }),
  ],
  ["POST", "cancel", () => `/api/sessions/${id("cancel")}/cancel`, []],
  [
    "POST",
    "retry",
    () => `/api/sessions/${id("retry")}/retry`,
    ["confirmEstimate"],
    () => ({ confirmEstimate: 0 }),
  ],
  [
    "POST",
    "regenerate",
    () => `/api/assets/${ads.regenerate.images[1].id}/regenerate`,
    ["seed", "prompt"],
    () => ({ seed: "same", prompt: "brighter" }),
  ],
  ["POST", "share", () => `/api/sessions/${id("share")}/share`, []],
  [
    "POST",
    "signup",
    () => "/api/auth/signup",
    ["email", "password", "fullName"],
    () => ({
      email: `fuzz-${SEED}@example.com`,
      password: "long enough password",
      fullName: "Fuzz",
    }),
  ],
];

describe("JSON bodies", () => {
  for (const [method, name, path, keys, valid] of BODY_ROUTES) {
    test(`${method} ${name}: any body → 2xx/4xx, refused changes nothing`, async () => {
      // Sign-up hashes every password it is given (bcrypt, ~0.25 s): fewer runs there.
      await run(
        bodies(keys.length ? keys : ["x"], valid),
        (body: string) => holds(method, path(), body),
        name === "signup" ? Math.ceil(RUNS / 2) : RUNS,
      );
    });
  }

  test("Idempotency-Key: any header value → 2xx/4xx, refused changes nothing", async () => {
    const printable = fc.string({
      unit: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCharCode(c)),
      minLength: 0,
      maxLength: 300,
    });
    await run(
      fc.tuple(printable, bodies(["productPrompt", "numImages"])),
      ([key, body]: [string, string]) =>
        holds("POST", "/api/sessions", body, { "idempotency-key": key }),
    );
  });
});

// Issue 16: a NUL (PostgreSQL cannot store it), any other C0 control and broken UTF-16 in
// any field of any body or query is a 400 invalid_input naming that field, before anything
// is stored; an invalid percent-encoding in any URL is a 4xx, never a 5xx.
const BAD_TEXT = ["a\u0000b", "\u0001", "line\u001fbreak", "tab\there", "\ud800", "x\udfffy"];

describe("control characters and broken text in every field (issue 16)", () => {
  test("every key of every JSON body: 400 invalid_input naming the field, nothing stored", async () => {
    const before = await dbSnapshot();
    const wrong: string[] = [];
    for (const [method, name, path, keys, valid] of BODY_ROUTES) {
      for (const key of keys) {
        for (const bad of BAD_TEXT) {
          const body = JSON.stringify({ ...valid?.(), [key]: bad });
          const res = await send(method, path(), body);
          const error = res.status === 400 ? JSON.parse(res.body).error : undefined;
          if (error?.code !== "invalid_input" || error.issues?.[0]?.path !== key)
            wrong.push(
              `${name} ${key}=${JSON.stringify(bad)} → ${res.status} ${res.body.slice(0, 160)}`,
            );
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(await dbSnapshot()).toEqual(before);
  });

  test("nested: a style keyword and a clip's scene prompt are named by their path", async () => {
    const res = await send(
      "POST",
      "/api/sessions",
      JSON.stringify({ productPrompt: "shoes", styleKeywords: ["ok", "bad\u0000"] }),
    );
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body).error).toMatchObject({
      code: "invalid_input",
      issues: [{ path: "styleKeywords.1" }],
      message: expect.stringMatching(/control character/),
    });
    const clip = await send(
      "POST",
      `/api/sessions/${id("clips")}/generate-clips`,
      JSON.stringify({
        videoPrompt: "a slow turn",
        clips: [{ imageId: ads.clips.images[0].id, scenePrompt: "\ud83d turn" }],
      }),
    );
    expect(clip.status).toBe(400);
    expect(JSON.parse(clip.body).error.issues[0].path).toBe("clips.0.scenePrompt");
  });

  test("a public name with a text-direction override or a zero-width space is refused", async () => {
    for (const name of ["Shoes\u202egnp.exe", "Sho\u200bes", "\u2066Shoes"]) {
      const res = await send(
        "POST",
        `/api/sessions/${id("compose")}/compose`,
        JSON.stringify({ productName: name, callToAction: "Buy" }),
      );
      expect(res.status, name).toBe(400);
      expect(JSON.parse(res.body).error.issues[0].path).toBe("productName");
    }
  });

  test("query parameters: a control character or lone surrogate is a 400 naming the parameter", async () => {
    for (const path of [
      "/api/sessions?status=%00",
      "/api/sessions?cursor=%01x",
      `/api/sessions/${id("query")}/estimate?stage=compose&music=%ED%A0%80`,
      `/api/sessions/${id("query")}/estimate?stage=%1F`,
    ]) {
      const res = await send("GET", path);
      expect(res.status, path).toBe(400);
      const error = JSON.parse(res.body).error;
      expect(error.code, path).toBe("invalid_input");
      expect(path, path).toContain(`${error.issues[0].path}=`);
    }
  });

  test("invalid percent-encoding in the path or query of every route: 4xx, never 5xx", async () => {
    const before = await dbSnapshot();
    const broken = ["%c0%af", "%zz", "%", "%E0%A4%A", "%ED%A0%80", "%00", "%FF%FE"];
    const wrong: string[] = [];
    for (const route of discoverRoutes()) {
      const [method, pattern] = route.split(" ");
      if (pattern.includes("[...nextauth]") || !pattern.startsWith("/api/")) continue;
      const body = method === "GET" || method === "HEAD" ? undefined : "{}";
      const withId = pattern.replace(/\[\.{0,3}\w+\]/g, id("query"));
      for (const bad of broken) {
        // In the path: names nothing (4xx). In a read's query: decoded to U+FFFD or refused,
        // never a 5xx.
        const inPath = await send(method, pattern.replace(/\[\.{0,3}\w+\]/g, bad), body);
        if (pattern.includes("[") && (inPath.status < 400 || inPath.status >= 500))
          wrong.push(`${method} ${pattern} with ${bad} → ${inPath.status}`);
        if (body !== undefined) continue; // a valid state-changing request would change rows
        const inQuery = await send(method, `${withId}?x=${bad}`, body);
        if (inQuery.status >= 500) wrong.push(`${method} ${withId}?x=${bad} → ${inQuery.status}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(await dbSnapshot()).toEqual(before);
  });
});

describe("queries", () => {
  test("GET /api/sessions?status=&limit=&cursor= (and anything else)", async () => {
    const params = fc.dictionary(
      fc.constantFrom("status", "limit", "cursor", "__proto__", "extra"),
      text(),
      { maxKeys: 4 },
    );
    await run(params, (p: Record<string, string>) =>
      holds("GET", `/api/sessions?${new URLSearchParams(p)}`),
    );
  });

  test("GET /api/sessions?… with repeated and raw-encoded parameters", async () => {
    const raw = fc.array(
      fc.tuple(fc.constantFrom("status", "limit", "cursor"), fc.string({ maxLength: 30 })),
      { maxLength: 6 },
    );
    await run(raw, (pairs: [string, string][]) =>
      holds(
        "GET",
        `/api/sessions?${pairs.map(([k, v]) => `${k}=${encodeURIComponent(v)}`).join("&")}`,
      ),
    );
  });

  test("GET /api/sessions/:id/estimate?stage=&clipDurationSeconds=&music=&aspectRatios=", async () => {
    const value = fc.oneof(
      text(30),
      fc.constantFrom("images", "clips", "compose", "3", "true", "9:16,1:1", "9:16,9:16,9:16,9:16"),
    );
    const key = fc.constantFrom(
      "stage",
      "clipDurationSeconds",
      "music",
      "aspectRatios",
      "__proto__",
    );
    const anything = fc.dictionary(key, value, { maxKeys: 5 });
    const nearlyValid = fc
      .tuple(key, value)
      .map(([k, v]) => ({ stage: "compose", music: "true", aspectRatios: "9:16,1:1", [k]: v }));
    await run(fc.oneof(anything, nearlyValid), (p: Record<string, string>) =>
      holds("GET", `/api/sessions/${id("query")}/estimate?${new URLSearchParams(p)}`),
    );
  });
});

describe("the webhook", () => {
  test("unsigned or badly signed: any body → 401, nothing stored", async () => {
    await run(bodies(["id", "status", "output", "error"]), (body: string) =>
      holds("POST", "/api/webhooks/replicate", body, {
        "webhook-id": "msg_x",
        "webhook-timestamp": String(Math.floor(Date.now() / 1000)),
        "webhook-signature": "v1,AAAA",
      }),
    );
  });

  test("correctly signed: any body → 2xx/4xx, never 5xx", async () => {
    const shaped = fc.record(
      {
        id: fc.oneof(fc.string({ maxLength: 40 }), fc.jsonValue()),
        status: fc.oneof(
          fc.constantFrom("starting", "processing", "succeeded", "failed", "canceled"),
          fc.jsonValue(),
        ),
        output: nasty(),
        error: nasty(),
      },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      bodies(["id", "status", "output", "error", "model", "version"]),
      shaped.map((v) => JSON.stringify(v)),
    );
    let n = 0;
    await run(body, async (text: string) => {
      const msg = `msg_fuzz_${SEED}_${n++}`;
      const ts = Math.floor(Date.now() / 1000);
      const res = await send("POST", "/api/webhooks/replicate", text, {
        "webhook-id": msg,
        "webhook-timestamp": String(ts),
        "webhook-signature": signWebhook(WEBHOOK_SECRET, msg, ts, text),
      });
      expect(
        res.status,
        `${text.slice(0, 200)} → ${res.status} ${res.body.slice(0, 200)}`,
      ).toBeLessThan(500);
    });
  });
});

// Uploads: what tests/pipeline/uploads.test.ts does not already cover (it has wrong magic
// bytes, empty files, GIFs, damaged PNGs, PNG/JPEG polyglots, oversized bodies).
describe("uploads: the remaining gaps", () => {
  let target: string;
  beforeAll(async () => {
    const ad = await completedAd(user, "fuzz uploads");
    await db().update(sessions).set({ status: "created" }).where(eq(sessions.id, ad.session.id));
    target = ad.session.id;
  });

  async function upload(
    parts: { bytes: Buffer; name: string; type: string; field?: string }[],
    contentType?: string,
  ): Promise<Sent> {
    const form = new FormData();
    for (const p of parts)
      form.append(p.field ?? "file", new Blob([new Uint8Array(p.bytes)], { type: p.type }), p.name);
    const req = new Request("http://x/", { method: "POST", body: form });
    const body = Buffer.from(await req.arrayBuffer());
    const res = await fetch(`${server.url}/api/sessions/${target}/uploads`, {
      method: "POST",
      headers: {
        cookie: user.cookie,
        origin: server.url,
        "content-type": contentType ?? req.headers.get("content-type")!,
      },
      body,
    });
    return { status: res.status, body: await res.text() };
  }

  async function refused(
    parts: Parameters<typeof upload>[0],
    message: RegExp,
    contentType?: string,
  ) {
    const before = await dbSnapshot();
    const res = await upload(parts, contentType);
    expect(res.status, res.body).toBe(400);
    expect(JSON.parse(res.body).error).toMatchObject({
      code: "invalid_input",
      message: expect.stringMatching(message),
    });
    expect(await dbSnapshot()).toEqual(before);
  }

  const sharp = async () => (await import("sharp")).default;
  const webp = async () =>
    (await sharp())({ create: { width: 96, height: 96, channels: 3, background: "#336699" } })
      .webp()
      .toBuffer();

  test("a pixel bomb (a tiny file that decodes to 64 megapixels) → 400, nothing stored", async () => {
    const bomb = pixelBomb(8000, 8000);
    expect(bomb.length).toBeLessThan(200 * 1024);
    await refused([{ bytes: bomb, name: "bomb.png", type: "image/png" }], /megapixels/);
  });

  test("a 14 KB PNG declaring 7000×7000 → 400 on its header's size, before decoding; nothing stored", async () => {
    const bomb = pixelBomb(7000, 7000);
    expect(bomb.length).toBeLessThan(100 * 1024);
    await refused(
      [{ bytes: bomb, name: "bomb.png", type: "image/png" }],
      /7000×7000 pixels \(49 megapixels\); upload one of at most 25 megapixels/,
    );
  });

  test("SVG and HTML named .png, a PNG signature in front of HTML → 400", async () => {
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><rect width="64" height="64"/></svg>',
    );
    await refused(
      [{ bytes: svg, name: "photo.png", type: "image/png" }],
      /not a PNG, JPEG or WebP/,
    );
    await refused(
      [
        {
          bytes: Buffer.from("<!doctype html><script>alert(1)</script>"),
          name: "photo.jpg",
          type: "image/jpeg",
        },
      ],
      /not a PNG, JPEG or WebP/,
    );
    const fake = Buffer.concat([
      Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
      Buffer.from("<html><script>alert(1)</script></html>"),
    ]);
    await refused(
      [{ bytes: fake, name: "photo.png", type: "image/png" }],
      /could not be read|markup|another file/,
    );
  });

  test("WebP polyglots: an archive after the RIFF end, script in XMP → 400", async () => {
    const image = await webp();
    await refused(
      [
        {
          bytes: Buffer.concat([image, Buffer.from("PK\x03\x04", "latin1"), Buffer.alloc(80, 1)]),
          name: "p.webp",
          type: "image/webp",
        },
      ],
      /another file attached/,
    );
    const xmp = Buffer.from("<x:xmpmeta><script>alert(1)</script></x:xmpmeta>");
    const chunk = Buffer.alloc(8 + xmp.length + (xmp.length % 2));
    chunk.write("XMP ", 0, "latin1");
    chunk.writeUInt32LE(xmp.length, 4);
    xmp.copy(chunk, 8);
    const withXmp = Buffer.concat([image, chunk]);
    withXmp.writeUInt32LE(withXmp.length - 8, 4); // the RIFF size covers the new chunk
    await refused([{ bytes: withXmp, name: "p.webp", type: "image/webp" }], /markup or script/);
  });

  test("a multipart body with no boundary, a cut-off body, or the file as a text field → 400", async () => {
    const image = await webp();
    await refused(
      [{ bytes: image, name: "p.webp", type: "image/webp" }],
      /multipart\/form-data/,
      "multipart/form-data",
    );
    const before = await dbSnapshot();
    const cut = await fetch(`${server.url}/api/sessions/${target}/uploads`, {
      method: "POST",
      headers: { cookie: user.cookie, "content-type": "multipart/form-data; boundary=XyZ" },
      body: '--XyZ\r\nContent-Disposition: form-data; name="file"; filename="a.png"\r\nContent-Type: image/png\r\n\r\n\x89PNG',
    });
    expect(cut.status).toBe(400);
    const text = new FormData();
    text.append("file", "data:image/png;base64,iVBORw0KGgo=");
    const asText = await fetch(`${server.url}/api/sessions/${target}/uploads`, {
      method: "POST",
      headers: { cookie: user.cookie },
      body: text,
    });
    expect(asText.status).toBe(400);
    expect(await dbSnapshot()).toEqual(before);
  });

  test("a file name with a NUL or another control character → 400 naming the file, nothing stored", async () => {
    for (const name of ["photo\u0000.webp", "photo\u0007.webp", "photo\n.webp"])
      await refused([{ bytes: await webp(), name, type: "image/webp" }], /file's name/);
  });

  test("a file name with a path in it is only a label: stored under the asset's id", async () => {
    const res = await upload([
      { bytes: await webp(), name: "../../../etc/passwd.webp", type: "image/webp" },
    ]);
    expect(res.status, res.body).toBe(201);
    const { asset } = JSON.parse(res.body);
    expect(asset.url).toBe(`/api/media/sessions/${target}/${asset.id}.webp`);
  });
});

/** A valid greyscale PNG of width×height black pixels: a few kB that decode to width×height bytes. */
function pixelBomb(width: number, height: number): Buffer {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (b: Buffer) => {
    let c = 0xffffffff;
    for (const byte of b) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, "latin1"), data]);
    const out = Buffer.alloc(12 + data.length);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), 8 + data.length);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const raw = deflateSync(Buffer.alloc((width + 1) * height), { level: 9 }); // filter byte 0 + black row
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", ihdr),
    chunk("IDAT", raw),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}
