// The schema document is the contract: a database built from its SQL and the app's
// migrated database must agree on every object the document defines.
import { readFileSync } from "node:fs";
import postgres from "postgres";
import { beforeAll, describe, expect, test } from "vitest";
import { type Catalog, catalogDifferences, readCatalog } from "./support/catalog";
import { createDatabase } from "./support/databases";

const documentSql = readFileSync(new URL("./fixtures/seed-schema.sql", import.meta.url), "utf8");
let fromDocument: Catalog;

beforeAll(async () => {
  const url = await createDatabase();
  const sql = postgres(url, { max: 1, onnotice: () => {} });
  await sql.unsafe(documentSql);
  await sql.end();
  fromDocument = await readCatalog(url);
});

describe("the migrated database", () => {
  test("has every table, column, enum, constraint, index, function and trigger of the document", async () => {
    const migrated = await readCatalog(process.env.DATABASE_URL!);
    expect(fromDocument.tables.size).toBe(5);
    expect(fromDocument.indexes.size).toBeGreaterThanOrEqual(30);
    expect(fromDocument.triggers.size).toBe(4);
    expect(catalogDifferences(fromDocument, migrated)).toEqual([]);
  });

  test("keeps the document's enum values first and in order", async () => {
    const migrated = await readCatalog(process.env.DATABASE_URL!);
    expect(migrated.enums.get("session_status")).toEqual([
      "created",
      "prompting",
      "generating_images",
      "reviewing_images",
      "generating_videos",
      "reviewing_videos",
      "composing",
      "completed",
      "failed",
      "cancelled",
    ]);
    expect(migrated.enums.get("asset_source")?.slice(0, 7)).toEqual([
      "flux-pro",
      "sdxl",
      "stable-video-diffusion",
      "runway-gen2",
      "musicgen",
      "ffmpeg",
      "user-upload",
    ]);
  });
});

describe("the comparison", () => {
  test("catches a removed index, enum value, default, constraint and trigger", async () => {
    const url = await createDatabase({ fromTemplate: true });
    const sql = postgres(url, { max: 1, onnotice: () => {} });
    await sql.unsafe(`
      drop index idx_sessions_metadata;
      alter type asset_status rename value 'rejected' to 'refused';
      alter table sessions alter column num_images_requested drop default;
      alter table sessions drop constraint sessions_progress_percentage_check;
      drop trigger update_session_cost on generation_costs;
      drop index idx_assets_user_selected;
      create index idx_assets_user_selected on assets(user_selected);`);
    await sql.end();
    const diffs = catalogDifferences(fromDocument, await readCatalog(url));
    expect(diffs.join("\n")).toMatch(/indexes: idx_sessions_metadata is missing/);
    expect(diffs.join("\n")).toMatch(/enum asset_status/);
    expect(diffs.join("\n")).toMatch(/columns: sessions.num_images_requested differs/);
    expect(diffs.join("\n")).toMatch(/constraints: sessions_progress_percentage_check is missing/);
    expect(diffs.join("\n")).toMatch(/triggers: update_session_cost is missing/);
    expect(diffs.join("\n")).toMatch(/indexes: idx_assets_user_selected differs/); // lost its WHERE
    expect(diffs).toHaveLength(6);
  });
});
