// The voice picker on the Finish step, against the production build: the offline voices for
// the script's language, the note that they are synthetic, a preview that is real speech
// served by the built server (flite's WebAssembly loaded inside Next's server bundle), the
// speed, and "No voice" back again. The estimate follows the choice.
import { expect, test } from "@playwright/test";
import { WorkspacePage } from "./pages/workspace-page";
import { newMarketer } from "./support/accounts";
import { adWithApprovedImages, ok, waitForStatus } from "./support/api-ad";
import { snap } from "./support/snap";

test.setTimeout(180_000);

test("pick an offline voice, hear its preview, set its speed, then go back to no voice", async ({
  browser,
}) => {
  const { context, page } = await newMarketer(browser, "Voice");
  const { request } = context;
  const d = await adWithApprovedImages(request);
  const id = d.session.id;
  await ok(
    await request.post(`/api/sessions/${id}/generate-clips`, {
      data: { videoPrompt: "on a bright tennis court", clipDurationSeconds: 2 },
    }),
    "generate-clips",
  );
  const c = await waitForStatus(request, id, ["reviewing_videos"]);
  await ok(
    await request.put(`/api/sessions/${id}/approved-clips`, {
      data: { assetIds: c.videoClips.map((v) => v.id) },
    }),
    "approve clips",
  );
  const ws = new WorkspacePage(page);
  await ws.goto(id);

  const picker = page.getByTestId("voice-picker");
  const voice = picker.getByLabel("Voice", { exact: true });
  await expect(voice).toHaveValue("none");
  await expect(voice.locator("option")).toHaveText([
    "No voice",
    "Sally (offline, synthetic)",
    "Ross (offline, synthetic)",
    "Alan, Scottish (offline, synthetic)",
    "Kal (offline, synthetic, fastest)",
  ]);
  await expect(picker).toContainText("synthetic");
  await expect(picker).toContainText("Replicate");

  // The length line: the clips' plan without a voice; with one, the voiced length (each clip
  // stays while its line is heard), estimated from the script until the voice is made.
  const length = page.getByText(/^\d+ clips?, about \d+\.\d s/);
  await expect(length).not.toContainText("with the voice");
  const about = async () =>
    Number(/about (\d+\.\d) s/.exec((await length.textContent()) ?? "")?.[1]);
  const plain = await about();
  const estimate = page.waitForResponse((r) => /\/estimate\?.*voice=flite-slt/.test(r.url()));
  await voice.selectOption({ label: "Sally (offline, synthetic)" });
  expect((await estimate).status()).toBe(200);
  await expect(length).toContainText("with the voice (estimated)");
  expect(await about()).toBeGreaterThan(plain);
  const preview = page.waitForResponse((r) => r.url().endsWith("/api/voices/flite-slt/preview"));
  await picker.getByRole("button", { name: /preview of the voice Sally/ }).click();
  // The browser asks for a byte range of it (206); the whole file is a few seconds of speech.
  expect([200, 206]).toContain((await preview).status());
  const answer = await request.get("/api/voices/flite-slt/preview");
  expect(answer.status()).toBe(200);
  expect(answer.headers()["content-type"]).toMatch(/audio\/wav/);
  const wav = await answer.body();
  // RIFF/WAVE at 16 kHz, 16-bit mono: two bytes a sample; a few seconds of speech.
  expect(wav.subarray(0, 4).toString("latin1")).toBe("RIFF");
  const seconds = (wav.length - 44) / (wav.readUInt32LE(24) * 2);
  expect(seconds).toBeGreaterThan(2);
  expect(seconds).toBeLessThan(10);

  const speed = picker.getByRole("slider");
  await speed.fill("1.2");
  await expect(picker.locator("output")).toHaveText("1.2×");
  await snap(page, "voice-picked");

  await voice.selectOption("none");
  await expect(picker.getByRole("slider")).toHaveCount(0);
  await expect(length).not.toContainText("with the voice");
  await expect(page.getByTestId("confirm-compose")).toBeEnabled();
});
