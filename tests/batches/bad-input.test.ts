// Bad batch uploads are a 400 that names the line and the column (or the field), and create
// nothing: no batch, no ad, no job, no file.
import { sql } from "drizzle-orm";
import { afterAll, beforeAll, expect, test } from "vitest";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import {
  type Harness,
  json,
  productPhoto,
  snapshot,
  startHarness,
} from "../pipeline/support/harness";
import { batchForm, csvOf, zipOf } from "./support";

let h: Harness;
beforeAll(async () => {
  h = await startHarness({ worker: false });
}, 120_000);
afterAll(async () => {
  await h?.stop();
});

const HEADER = "productPrompt,productName,callToAction";
const GOOD = ["Pink tennis shoes", "Pink Runner", "Shop now"];

async function state() {
  const [b] = await db().execute(sql`select count(*)::int as batches from batches`);
  return { ...(await snapshot()), ...(b as object) };
}

async function refused(form: FormData, status = 400) {
  const before = await state();
  const res = await h.api.post("/api/batches", form);
  const body = await json(res);
  expect(res.status, JSON.stringify(body)).toBe(status);
  expect(typeof body.error.message).toBe("string");
  expect(await state()).toEqual(before);
  return body.error;
}

test("malformed CSV: an unbalanced quote names the line it opens on", async () => {
  const csv = `${HEADER}\r\nShoes,Runner,Buy\r\n"Mug, black,Night Mug,Order\r\nBag,Pack,Go\r\n`;
  const e = await refused(batchForm(csv));
  expect(e.line).toBe(3);
  expect(e.message).toMatch(/Line 3/);
  expect(e.message).toMatch(/quote/i);
});

test("a quote in the middle of a field, and text after a closing quote", async () => {
  expect((await refused(batchForm(`${HEADER}\nSho"es,Runner,Buy\n`))).line).toBe(2);
  expect((await refused(batchForm(`${HEADER}\n"Shoes"x,Runner,Buy\n`))).line).toBe(2);
});

test("unknown, missing and repeated columns name the column on line 1", async () => {
  let e = await refused(batchForm(csvOf([[...GOOD, "red"]], `${HEADER},colour`)));
  expect(e).toMatchObject({ line: 1, column: "colour" });
  expect(e.message).toMatch(/unknown column/);
  e = await refused(batchForm(csvOf([GOOD.slice(0, 2)], "productPrompt,productName")));
  expect(e).toMatchObject({ line: 1, column: "callToAction" });
  e = await refused(batchForm(csvOf([[...GOOD, "x"]], `${HEADER},productName`)));
  expect(e).toMatchObject({ line: 1, column: "productName" });
});

test("an empty required field, a wrong field count, a control character, too long a name", async () => {
  let e = await refused(batchForm(csvOf([GOOD, ["A mug", "", "Order"]])));
  expect(e).toMatchObject({ line: 3, column: "productName" });
  expect(e.message).toMatch(/Line 3, column "productName": this field is empty/);
  e = await refused(batchForm(`${HEADER}\n${GOOD.join(",")}\nA mug,Night Mug\n`));
  expect(e.line).toBe(3);
  e = await refused(batchForm(csvOf([GOOD, ["A mug", "Night\u0000Mug", "Order"]])));
  expect(e.line).toBe(3);
  expect(e.message).toMatch(/U\+0000/);
  e = await refused(batchForm(csvOf([GOOD, ["A mug", "Night Mug", "Order\u0007"]])));
  expect(e).toMatchObject({ line: 3 });
  e = await refused(batchForm(csvOf([["A mug", "N".repeat(51), "Order"]])));
  expect(e).toMatchObject({ line: 2, column: "productName" });
  // A quoted field spanning lines: the next record's line is counted after it.
  e = await refused(batchForm(`${HEADER}\n"Shoes,\nwith laces",Runner,Buy\nMug,,Order\n`));
  expect(e).toMatchObject({ line: 4, column: "productName" });
});

test("too many rows: a 10,000-row file is refused at the first line past the limit", async () => {
  const rows = Array.from({ length: 10_000 }, (_, i) => [`Product ${i}`, `Name ${i}`, "Buy"]);
  const e = await refused(batchForm(csvOf(rows)));
  expect(e.message).toMatch(/10000 rows; a batch takes at most 100/);
  expect(e.line).toBe(env.BATCH_MAX_ROWS + 2);
});

test("empty files, a header alone, text that is not UTF-8", async () => {
  await refused(batchForm(`${HEADER}\r\n`));
  const latin1 = Buffer.from(`${HEADER}\nCaf\xe9 cups,Caf\xe9,Buy\n`, "latin1");
  const e = await refused(batchForm(latin1));
  expect(e.issues[0].path).toBe("csv");
  const noCsv = new FormData();
  noCsv.append("stopAt", "done");
  expect((await refused(noCsv)).issues[0].path).toBe("csv");
});

test("photos: a name not in the zip, a name with no zip, a zip that is not one", async () => {
  const header = `${HEADER},photo`;
  const zip = await zipOf({ "shoe.png": await productPhoto("png") });
  let e = await refused(
    batchForm(
      csvOf(
        [
          [...GOOD, "shoe.png"],
          [...GOOD, "mug.png"],
        ],
        header,
      ),
      {},
      zip,
    ),
  );
  expect(e).toMatchObject({ line: 3, column: "photo" });
  expect(e.message).toMatch(/"mug\.png" is not in the zip/);
  e = await refused(batchForm(csvOf([[...GOOD, "shoe.png"]], header)));
  expect(e).toMatchObject({ line: 2, column: "photo" });
  e = await refused(
    batchForm(csvOf([[...GOOD, "shoe.png"]], header), {}, Buffer.from("not a zip at all")),
  );
  expect(e.issues[0].path).toBe("photos");
});

test("zip bombs: too many entries, an entry that inflates past the photo limit", async () => {
  const header = `${HEADER},photo`;
  const many: Record<string, Buffer> = {};
  for (let i = 0; i < 1001; i++) many[`f${i}.png`] = Buffer.from("x");
  let e = await refused(batchForm(csvOf([[...GOOD, "f1.png"]], header), {}, await zipOf(many)));
  expect(e.message).toMatch(/1001 entries/);
  const bomb = await zipOf({ "big.png": Buffer.alloc(30 * 1024 * 1024) });
  expect(bomb.length).toBeLessThan(1024 * 1024);
  e = await refused(batchForm(csvOf([[...GOOD, "big.png"]], header), {}, bomb));
  expect(e).toMatchObject({ line: 2, column: "photo" });
  expect(e.message).toMatch(/larger than 20 MB/);
});

test("bad options, and an upload over the size limit (413)", async () => {
  const csv = csvOf([GOOD]);
  expect((await refused(batchForm(csv, { stopAt: "later" }))).issues[0].path).toBe("stopAt");
  expect(
    (await refused(batchForm(csv, { numImages: "4", approveImages: "6" }))).issues[0].path,
  ).toBe("approveImages");
  expect((await refused(batchForm(csv, { colour: "red" }))).issues[0].path).toBe("");
  const before = env.BATCH_MAX_UPLOAD_MB;
  (env as { BATCH_MAX_UPLOAD_MB: number }).BATCH_MAX_UPLOAD_MB = 1;
  try {
    await refused(batchForm(csv, {}, Buffer.alloc(2 * 1024 * 1024, 7)), 413);
  } finally {
    (env as { BATCH_MAX_UPLOAD_MB: number }).BATCH_MAX_UPLOAD_MB = before;
  }
});

test("a dry run checks the upload and answers its estimate, creating nothing", async () => {
  const before = await state();
  const header = `${HEADER},photo`;
  const zip = await zipOf({ "shoe.png": await productPhoto("png") });
  const res = await h.api.post(
    "/api/batches",
    batchForm(
      csvOf(
        [
          [...GOOD, "shoe.png"],
          [...GOOD, ""],
        ],
        header,
      ),
      { dryRun: "true" },
      zip,
    ),
  );
  const body = await json(res);
  expect(res.status, JSON.stringify(body)).toBe(200);
  // Per ad by default: parsing + 4 images, planning + 3 clips, 1 composition.
  expect(body.estimate).toMatchObject({ rows: 2, photos: 1, calls: 2 * 10, budgetUsd: 10 });
  expect(await state()).toEqual(before);
  // A dry run still refuses bad input the same way.
  expect((await refused(batchForm(csvOf([["", "A", "B"]]), { dryRun: "true" }))).line).toBe(2);
});
