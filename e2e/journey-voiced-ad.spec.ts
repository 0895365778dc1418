// Issue 13's acceptance, in the browser and then in the files: offline, a marketer sets a
// brand kit (a PNG logo, a brand colour) on the Brand page, takes an ad to its Finish step
// (the early stages through the API: their UI has its own journeys), and there, in the UI,
// edits the script, picks a local voice and plays its preview, picks karaoke captions, turns
// the corner logo on and composes 9:16, 1:1 and 16:9. Then each final video and its SRT and
// WebVTT, downloaded through the API, are checked with ffmpeg as a viewer would: the words
// on screen when they are spoken and gone between lines, the cues at the words' times, the
// loudness, the end card never still, the music ducked under the voice.
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { expect, type Page, test } from "@playwright/test";
import sharp from "sharp";
import { ebur128 } from "../tests/compose/media-checks";
import { WorkspacePage } from "./pages/workspace-page";
import { newMarketer } from "./support/accounts";
import {
  type Box,
  type Cue,
  count,
  energyDb,
  frameAt,
  freezes,
  parseCues,
  placeOf,
  samples,
} from "./support/ad-media";
import { bottleAdAtClipReview, detail, ok } from "./support/api-ad";
import { snap } from "./support/snap";

test.setTimeout(480_000);

const SCRIPT = {
  hook: "Ice cold water, all day long.",
  lines: ["A steel lid that never leaks.", "Built to last for years."],
};
const RATIOS = ["9:16", "1:1", "16:9"] as const;
const HIGH_BAND = "highpass=f=9000,highpass=f=9000";
const END_CARD_SECONDS = 2;

// Where captions may be drawn: 9:16 above the bottom 20 % and left of the feed's button
// column; 1:1 and 16:9 in the lower third.
const captionZone = (ratio: string, W: number, H: number): Box =>
  ratio === "9:16"
    ? { x0: 0, x1: W * 0.84, y0: H * 0.45, y1: H * 0.8 }
    : { x0: 0, x1: W, y0: (H * 2) / 3, y1: H };
// The logo's circle, #22D3EE.
const cyan = (r: number, g: number, b: number) => r < 120 && g > 170 && b > 190;
// The karaoke highlight: the spoken word in #FFD400.
const accent = (r: number, g: number, b: number) =>
  r > 200 && g > 160 && g < 245 && b < 110 && r - b > 120;

test("a voiced, captioned, branded ad in three formats: words on screen when spoken, −14 LUFS, a moving end card", async ({
  browser,
}) => {
  const { context, page } = await newMarketer(browser, "Voiced");
  const { request } = context;

  // The brand kit: a PNG logo and one brand colour.
  await page.goto("/brand");
  await expect(page.getByRole("heading", { level: 1, name: "Brand kit" })).toBeVisible();
  const logoPng = await sharp(
    Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="240" height="240"><circle cx="120" cy="120" r="110" fill="#22D3EE"/><rect x="70" y="70" width="100" height="100" rx="16" fill="#FFFFFF"/></svg>',
    ),
  )
    .png()
    .toBuffer();
  await page
    .getByTestId("logo-input")
    .setInputFiles({ name: "logo.png", mimeType: "image/png", buffer: logoPng });
  await expect(page.getByRole("img", { name: "Your logo" }).first()).toBeVisible();
  await page.getByTestId("brand-color-0").fill("#0F766E");
  await page.getByTestId("save-brand").click();
  await expect(page.getByRole("status").filter({ hasText: "saved" })).toContainText(
    "Brand kit saved",
  );
  await snap(page, "brand-kit");

  // An ad up to its Finish step through the API: three images, three clips approved.
  const { id, base, clipIds } = await bottleAdAtClipReview(request);
  await ok(await request.put(`${base}/approved-clips`, { data: { assetIds: clipIds } }), "clips");

  // The Finish step, in the UI: the script edited line by line.
  const ws = new WorkspacePage(page);
  await ws.goto(id);
  await page.getByLabel(/^Hook · clip 1/).fill(SCRIPT.hook);
  await page.getByLabel(/^Line 1 · clip 2/).fill(SCRIPT.lines[0]);
  await page.getByLabel(/^Line 2 · clip 3/).fill(SCRIPT.lines[1]);
  await expect(page.locator("#script-1-counter")).toHaveText(`${SCRIPT.lines[0].length}/80`);
  await top(page);
  await snap(page, "script-editor");

  // A local voice, its preview played.
  const picker = page.getByTestId("voice-picker");
  await picker
    .getByLabel("Voice", { exact: true })
    .selectOption({ label: "Sally (offline, synthetic)" });
  await picker.getByRole("button", { name: "Play a preview of the voice Sally" }).click();
  await expect
    .poll(() => picker.locator("audio").evaluate((a: HTMLAudioElement) => a.currentTime), {
      timeout: 15_000,
    })
    .toBeGreaterThan(0);
  await expect(
    picker.getByRole("button", { name: "Stop a preview of the voice Sally" }),
  ).toBeVisible();
  await top(page);
  await snap(page, "voice-picker-preview-playing");
  await picker.getByRole("button", { name: "Stop a preview of the voice Sally" }).click();

  // Karaoke captions, the corner logo, music, and all three formats.
  await page.getByRole("radio", { name: /Karaoke/ }).check({ force: true });
  await page.getByTestId("corner-logo-toggle").check();
  await page.getByTestId("music-toggle").check();
  for (const r of ["1:1", "16:9"])
    await page.getByRole("checkbox", { name: new RegExp(r) }).check({ force: true });
  await expect(page.getByRole("checkbox", { name: /9:16/ })).toBeChecked();
  await top(page);
  await snap(page, "caption-style-karaoke");
  await page.getByTestId("confirm-compose").click();
  await ws.waitForStatus("completed", 300_000);
  await expect(ws.video()).toBeVisible();
  await snap(page, "voiced-ad-done");

  // What was composed: the edited script, the voice, karaoke, the logo, three formats.
  const d = await detail(request, id);
  expect(d.session.script).toMatchObject(SCRIPT);
  expect(d.session.metadata.voiceOver).toMatchObject({ enabled: true, voice: "flite-slt" });
  expect(d.session.metadata.compose).toMatchObject({
    logo: true,
    captions: { enabled: true, style: "karaoke" },
  });
  const run = d.session.metadata.compose?.run;
  const finals = d.finalVideos.filter((v) => v.metadata.composeRun === run);
  expect(finals.map((v) => v.aspectRatio).sort()).toEqual([...RATIOS].sort());

  // The studio offers each format's captions as downloads: the files the API hands out.
  for (const v of finals) {
    await expect(page.getByTestId(`captions-srt-${v.aspectRatio}`)).toHaveAttribute(
      "href",
      v.captionsSrtUrl!,
    );
    await expect(page.getByTestId(`captions-vtt-${v.aspectRatio}`)).toHaveAttribute(
      "href",
      v.captionsVttUrl!,
    );
  }
  const [srtDownload] = await Promise.all([
    page.waitForEvent("download"),
    page.getByTestId("captions-srt-9:16").click(),
  ]);
  expect(srtDownload.suggestedFilename()).toMatch(/\.srt$/);
  const tall = finals.find((v) => v.aspectRatio === "9:16")!;
  expect(await readFile(await srtDownload.path(), "utf8")).toBe(
    await (await request.get(tall.captionsSrtUrl!)).text(),
  );

  // The voice-over asset and its words (the synthesiser's own times, in the voice file): the
  // newest one — the Finish step's preparation may have made the free voice of the script as
  // it stood before the edit.
  const voiceAsset = d.audio
    .filter((a) => (a.metadata as { kind?: string }).kind === "voice" && a.status === "completed")
    .sort((a, b) => String(b.createdAt).localeCompare(String(a.createdAt)))[0];
  expect(voiceAsset, "a voice-over asset").toBeDefined();
  const words = (voiceAsset.metadata as { words: { word: string; start: number; end: number }[] })
    .words;
  const sentences = [SCRIPT.hook, ...SCRIPT.lines];
  expect(words.map((w) => w.word).join(" ")).toBe(sentences.join(" "));

  // Downloads through the API, into the test's output folder.
  const dir = test.info().outputPath("files");
  await mkdir(dir, { recursive: true });
  const download = async (url: string, name: string) => {
    const res = await request.get(url);
    expect(res.ok(), `GET ${url}`).toBe(true);
    const file = `${dir}/${name}`;
    await writeFile(file, await res.body());
    return file;
  };
  const voiceFile = await download(voiceAsset.url, "voice.wav");
  const musicAsset = d.audio.find(
    (a) => a.status === "completed" && (a.metadata as { kind?: string }).kind !== "voice",
  )!;
  expect(musicAsset, "a music asset").toBeDefined();
  const music = download(musicAsset.url, "music").then(async (file) => ({
    hi: await samples(file, 48000, HIGH_BAND),
  }));
  const RATE = 8000;
  const voicePcm = await samples(voiceFile, RATE);

  // Which words each sentence has (the voice is cut between sentences and placed per clip).
  const sentenceOf: number[] = [];
  sentences.forEach((s, k) => {
    for (const _ of s.split(/\s+/)) sentenceOf.push(k);
  });
  const spans = sentences.map((_, k) => {
    const own = words.filter((_, i) => sentenceOf[i] === k);
    return { from: own[0].start - 0.05, to: own.at(-1)!.end + 0.05 };
  });

  const figures: Record<string, unknown> = {};
  for (const v of finals) {
    const ratio = v.aspectRatio!;
    const tag = ratio.replace(":", "x");
    const [W, H] = v.resolution!.split("x").map(Number);
    const video = await download(v.url, `ad-${tag}.mp4`);
    expect(v.captionsSrtUrl, `${ratio} SRT`).toBeTruthy();
    expect(v.captionsVttUrl, `${ratio} VTT`).toBeTruthy();
    const srtText = await (await request.get(v.captionsSrtUrl!)).text();
    const vttText = await (await request.get(v.captionsVttUrl!)).text();
    await writeFile(`${dir}/ad-${tag}.srt`, srtText);
    await writeFile(`${dir}/ad-${tag}.vtt`, vttText);
    expect(vttText.startsWith("WEBVTT")).toBe(true);
    const srt = parseCues(srtText);
    const vtt = parseCues(vttText);
    expect(srt).toEqual(vtt);
    expect(srt.map((c) => c.text).join(" ")).toBe(sentences.join(" "));

    // (b) Where each sentence is heard in the ad (its stretch of the voice file found in
    // the ad's sound); a cue's start must be its first word's time there, within 100 ms.
    const adPcm = await samples(video, RATE);
    const cueWords = wordsOfCues(srt, words);
    const shifts = spans.map((span, k) => {
      const first = cueWords.find((c) => sentenceOf[c.first] === k)!;
      const guess = first.cue.start - words[first.first].start;
      return placeOf(voicePcm, adPcm, RATE, span, { lo: guess - 0.5, hi: guess + 0.5 });
    });
    for (const s of shifts)
      expect(s.score, `${ratio}: the voice found in the ad`).toBeGreaterThan(0.5);
    const offsets = cueWords.map(({ cue, first, last }) => {
      const shift = shifts[sentenceOf[first]].shift;
      expect(cue.end, `${ratio} "${cue.text}" stays until its last word ends`).toBeGreaterThan(
        words[last].end + shift - 0.1,
      );
      return cue.start - (words[first].start + shift);
    });
    for (const [i, o] of offsets.entries())
      expect(Math.abs(o), `${ratio} "${srt[i].text}" ${Math.round(o * 1000)} ms`).toBeLessThan(0.1);

    // (a) At each word's time (ad seconds) the caption is drawn with that word lit; before
    // the first word and in the pauses between sentences, nothing is.
    const zone = captionZone(ratio, W, H);
    const at = (i: number) => (words[i].start + words[i].end) / 2 + shifts[sentenceOf[i]].shift;
    const lit: number[] = [];
    const logo: number[] = [];
    for (let i = 0; i < words.length; i++) {
      const t = at(i);
      const png = i % 3 === 0 ? `${dir}/${tag}-word-${i}.png` : undefined;
      const f = await frameAt(video, t, { width: W, height: H }, png);
      const a = count(f, W, zone, accent);
      lit.push(a.n);
      expect(a.n, `${ratio} "${words[i].word}" lit at ${t.toFixed(2)} s`).toBeGreaterThan(3);
      // Once the title has gone, the logo's mark is in the top-right corner.
      if (t > 3) logo.push(count(f, W, { x0: W * 0.6, x1: W, y0: 0, y1: H * 0.25 }, cyan).n);
    }
    expect(Math.min(...logo), `${ratio}: the corner logo`).toBeGreaterThan(10);
    const quiet: number[] = [];
    const firstCue = srt[0].start;
    const gaps = [
      firstCue / 2,
      ...shifts.slice(1).map((s, k) => gapBefore(srt, s, words, sentenceOf, k + 1)),
    ];
    for (const [k, t] of gaps.entries()) {
      const f = await frameAt(video, t, { width: W, height: H }, `${dir}/${tag}-gap-${k}.png`);
      const a = count(f, W, zone, accent);
      quiet.push(a.n);
      expect(a.n, `${ratio}: no caption at ${t.toFixed(2)} s`).toBeLessThanOrEqual(1);
    }

    // (c) Loudness.
    const loud = await ebur128(video);
    expect(Math.abs(loud.integrated + 14), `${ratio} ${loud.integrated} LUFS`).toBeLessThanOrEqual(
      1,
    );
    expect(loud.truePeak, `${ratio} true peak ${loud.truePeak} dBTP`).toBeLessThanOrEqual(-1);

    // (d) The end card (the last 2 s) moves: no still second in it.
    const duration = v.durationSeconds!;
    const cardFrom = duration - END_CARD_SECONDS;
    await frameAt(video, cardFrom + 0.3, { width: W, height: H }, `${dir}/${tag}-card-early.png`);
    await frameAt(video, duration - 0.1, { width: W, height: H }, `${dir}/${tag}-card-late.png`);
    // Frames to look at in the report: a word lit, and the end card.
    for (const name of [`${tag}-word-3.png`, `${tag}-card-late.png`])
      await test.info().attach(name, { path: `${dir}/${name}`, contentType: "image/png" });
    const still = await freezes(video, cardFrom, "-60dB", 1);
    expect(still, `${ratio} end card freezes`).toEqual([]);

    // (e) The music ducked under the voice. Above 9 kHz there is only music (the offline
    // voice is sampled at 16 kHz, so it has nothing over 8 kHz): the ad's level there
    // against the music file's own at the same moments, while a sentence is spoken and on
    // the end card (no voice, before the fade out).
    // The music bed is looped when the ad is longer than it (the voice holds the clips).
    const [adHi, musicHi] = await Promise.all([
      samples(video, 48000, HIGH_BAND),
      music.then((m) => looped(m.hi, Math.round(duration * 48000))),
    ]);
    const spoken = srt.map((c) => ({ from: c.start + 0.15, to: c.end - 0.15 }));
    const card = [{ from: cardFrom + 0.1, to: duration - 1.1 }];
    const gainDb = (spansOf: { from: number; to: number }[]) =>
      energyDb(adHi, 48000, spansOf) - energyDb(musicHi, 48000, spansOf);
    const ducked = gainDb(card) - gainDb(spoken);
    expect(
      ducked,
      `${ratio}: music ${ducked.toFixed(1)} dB lower under the voice`,
    ).toBeGreaterThanOrEqual(8);
    figures[ratio] = {
      size: `${W}x${H}`,
      durationSeconds: duration,
      lufs: loud.integrated,
      truePeak: loud.truePeak,
      cueOffsetsMs: offsets.map((o) => Math.round(o * 1000)),
      shiftsSeconds: shifts.map((s) => Number(s.shift.toFixed(3))),
      correlation: shifts.map((s) => Number(s.score.toFixed(2))),
      litPixels: lit,
      cornerLogoPixels: logo,
      pixelsBetweenLines: quiet,
      endCardFreezes: still.length,
      musicDuckedDb: Number(ducked.toFixed(1)),
    };
  }
  await test.info().attach("figures", {
    body: JSON.stringify(figures, null, 2),
    contentType: "application/json",
  });
  console.log(JSON.stringify(figures, null, 2));
  await context.close();
});

/** Each cue with the indices of its first and last word (cues hold the words in order). */
function wordsOfCues(cues: Cue[], words: { word: string }[]) {
  let next = 0;
  return cues.map((cue) => {
    const n = cue.text.split(/\s+/).length;
    const first = next;
    next += n;
    expect(
      words
        .slice(first, next)
        .map((w) => w.word)
        .join(" "),
    ).toBe(cue.text);
    return { cue, first, last: next - 1 };
  });
}

/** A moment in the pause before sentence `k`: after the previous cue ends, before it starts. */
function gapBefore(
  cues: Cue[],
  place: { shift: number },
  words: { start: number }[],
  sentenceOf: number[],
  k: number,
): number {
  const start = words[sentenceOf.indexOf(k)].start + place.shift;
  const before = cues.filter((c) => c.start < start - 0.05).at(-1)!;
  expect(start - before.end, `a pause before sentence ${k + 1}`).toBeGreaterThan(0.1);
  return (before.end + start) / 2;
}

/** `pcm` repeated to `length` samples (ffmpeg's -stream_loop -1, as the mix plays it). */
function looped(pcm: Float32Array, length: number): Float32Array {
  const out = new Float32Array(length);
  for (let at = 0; at < length; at += pcm.length) out.set(pcm.subarray(0, length - at), at);
  return out;
}

/** Full-page screenshots from the top: the sticky header stays at the top of the picture. */
const top = (page: Page) => page.evaluate(() => window.scrollTo(0, 0));
