// Runs before each test file: a fresh database cloned from the migrated template, so test
// files never see each other's rows. Must run before anything imports lib/env.
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { inject } from "vitest";
import { withDatabase } from "./global-setup";

const adminUrl = inject("pgAdminUrl");
const template = inject("pgTemplate");
const name = `adsmith_t${template.split("_").pop()}_${randomBytes(5).toString("hex")}`;

const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
await admin.unsafe(`create database ${name} template ${template}`);
await admin.end();

process.env.DATABASE_URL = withDatabase(adminUrl, name);
process.env.LOG_LEVEL ??= "warn";
// Small, fast renders: the pipeline's shape is what tests check, not 1080p pixels.
process.env.RENDER_SCALE ??= "0.1";
process.env.RENDER_PRESET ??= "ultrafast";
