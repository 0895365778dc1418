// Extra throwaway databases on the test server, for tests that need more than their own.
import { randomBytes } from "node:crypto";
import postgres from "postgres";
import { inject } from "vitest";
import { withDatabase } from "../setup/global-setup";

export async function createDatabase(opts: { fromTemplate?: boolean } = {}): Promise<string> {
  const adminUrl = inject("pgAdminUrl");
  const template = inject("pgTemplate");
  const name = `adsmith_t${template.split("_").pop()}_x${randomBytes(5).toString("hex")}`;
  const admin = postgres(adminUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(
      `create database ${name}${opts.fromTemplate ? ` template ${template}` : ""}`,
    );
  } finally {
    await admin.end();
  }
  return withDatabase(adminUrl, name);
}
