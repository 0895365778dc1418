// Text hygiene beyond C0 (issue 16.2, checked again with cases the fuzz test does not send):
// C1 control characters (U+0080–U+009F: NEL, the terminal's CSI) are control characters
// too; a line or paragraph separator (U+2028/U+2029) breaks a one-line field or a public
// name as a newline would; a soft hyphen or a Hangul filler makes a public name read as
// something else (or as nothing) just as a zero-width space does.
import "../support/quiet-logs";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { textProblem } from "@/lib/api/text";
import { queue, stopQueue } from "@/lib/pipeline/queue";
import { closeEmitter } from "@/lib/realtime/events";
import { startTestServer, type TestServer } from "../support/test-server";
import { apiClient, createTestUser } from "../support/users";
import { dbSnapshot } from "./support/db-snapshot";

let server: TestServer;
let api: ReturnType<typeof apiClient>;
let sessionId: string;

beforeAll(async () => {
  await queue();
  server = await startTestServer();
  api = apiClient(server.url, await createTestUser("text-edges"));
  const res = await api.post("/api/sessions", { productPrompt: "a green watch" });
  sessionId = (await res.json()).session.id;
});
afterAll(async () => {
  await server?.close();
  await stopQueue();
  await closeEmitter();
});

async function expectRefused(res: Response, field: string, what: RegExp) {
  expect(res.status).toBe(400);
  const { error } = await res.json();
  expect(error.code).toBe("invalid_input");
  expect(error.issues[0].path).toBe(field);
  expect(error.message).toMatch(what);
}

describe("C1 control characters", () => {
  test("in a prompt, a style keyword, a key's name, the brand's call to action: 400 naming the field", async () => {
    const before = await dbSnapshot();
    for (const c of ["\u0085", "\u009b", "\u0080", "\u009f"]) {
      await expectRefused(
        await api.post("/api/sessions", { productPrompt: `red${c}shoes` }),
        "productPrompt",
        /control character/,
      );
      await expectRefused(
        await api.post("/api/sessions", { productPrompt: "shoes", styleKeywords: [`a${c}`] }),
        "styleKeywords.0",
        /control character/,
      );
      await expectRefused(await api.post("/api/keys", { name: `ci${c}` }), "name", /control/);
      await expectRefused(
        await api.put("/api/brand", { callToAction: `Buy${c}now` }),
        "callToAction",
        /control/,
      );
    }
    expect(await dbSnapshot()).toEqual(before);
  });
});

describe("public names", () => {
  test("a line or paragraph separator, a soft hyphen or a Hangul filler is refused", async () => {
    const before = await dbSnapshot();
    for (const name of ["Sho\u2028es", "Shoes\u2029", "Sho\u00ades", "\u3164", "Shoes\uffa0"]) {
      await expectRefused(
        await api.post(`/api/sessions/${sessionId}/compose`, {
          productName: name,
          callToAction: "Buy",
        }),
        "productName",
        /one line|invisible/,
      );
      await expectRefused(
        await api.put("/api/brand", { callToAction: name }),
        "callToAction",
        /one line|invisible/,
      );
    }
    expect(await dbSnapshot()).toEqual(before);
  });

  test("one-line fields refuse U+2028/U+2029; text that may span lines keeps them; emoji sequences pass", () => {
    expect(textProblem("a\u2028b", { multiline: false })).toMatch(/one line/);
    expect(textProblem("a\u2029b", { multiline: false })).toMatch(/one line/);
    expect(textProblem("a\u2028b")).toBeUndefined();
    // ZWJ sequences and a flag's tag characters are how emoji are spelled.
    for (const ok of ["👩‍💻 Shoes", "🏴󠁧󠁢󠁳󠁣󠁴󠁿 Shoes", "Café", "שלום", "مرحبا"])
      expect(textProblem(ok, { publicName: true, multiline: false }), ok).toBeUndefined();
  });
});
