// Replicate speech: the prediction goes through the same create/poll/webhook machinery as
// every model (against the fake Replicate on loopback), and the model's audio — here a real
// MP3 of speech — becomes a WAV voice-over with words aligned to it and a cost by characters.
import "../../../tests/support/fake-replicate/env"; // sets the Replicate environment before lib/env is read
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { type FakeReplicate, startFakeReplicate } from "../../../tests/support/fake-replicate";
import { FAKE_SECRET, FAKE_TOKEN, fakePort } from "../../../tests/support/fake-replicate/env";
import { runFfmpeg } from "../../media/ffmpeg";
import { probe } from "../../media/probe";
import { localSpeech } from "../local/speech";
import { SPEECH_MODELS, speechCost } from "../prices";
import { ProviderError } from "../types";
import { replicateSpeech, speechFromAudioFile, speechPredictionInput } from "./speech";

let fake: FakeReplicate;
let dir: string;
beforeAll(async () => {
  fake = await startFakeReplicate({
    token: FAKE_TOKEN,
    webhookSecret: FAKE_SECRET,
    port: fakePort(),
  });
  dir = await mkdtemp(path.join(tmpdir(), "replicate-speech-"));
});
afterAll(async () => {
  await fake.close();
  await rm(dir, { recursive: true, force: true });
});

describe("Replicate speech (MiniMax)", () => {
  test("the request: MiniMax's inputs, by model name, with its id handed over at once", async () => {
    const created: string[] = [];
    const { output, call } = await replicateSpeech().synthesize(
      { text: "Hola, mundo. 20% menos hoy.", voice: "Wise_Woman", language: "es-MX", speed: 1.2 },
      { workDir: dir, sessionId: "s", onPredictionCreated: async (id) => void created.push(id) },
    );
    const sent = [...fake.predictions.values()].find((p) => p.model === "minimax/speech-2.6-turbo");
    expect(sent?.input).toEqual({
      text: "Hola, mundo. 20% menos hoy.",
      voice_id: "Wise_Woman",
      speed: 1.2,
      language_boost: "Spanish",
      english_normalization: false,
      audio_format: "wav",
      sample_rate: 32000,
      channel: "mono",
    });
    expect(created).toEqual([sent?.id]);
    // The fake speaks the text (a real WAV): the voice-over has its words and a cost by characters.
    expect(output.words.map((w) => w.word)).toEqual(["Hola,", "mundo.", "20%", "menos", "hoy."]);
    expect(output.durationSeconds).toBeGreaterThan(1);
    expect(call).toMatchObject({
      provider: "replicate",
      model: "minimax-speech-2.6-turbo",
      predictionId: sent?.id,
    });
    expect(call.amountUsd).toBeCloseTo((0.06 * 27) / 1000, 6);
  });

  test("the model's MP3 becomes a WAV voice-over with aligned words; the cost is per character", async () => {
    const text = "Cold for 24 hours, hot for 12. Tap Shop Now.";
    const { output: flite } = await localSpeech.synthesize(
      { text, voice: "flite-slt", language: "en", speed: 1 },
      { workDir: dir, sessionId: "s" },
    );
    const mp3 = path.join(dir, "model.mp3");
    await runFfmpeg([
      "-i",
      flite.filePath,
      "-ar",
      "32000",
      "-c:a",
      "libmp3lame",
      "-b:a",
      "128k",
      mp3,
    ]);
    const output = await speechFromAudioFile(mp3, text, dir, "voice-p1");
    expect((await probe(output.filePath)).audio).toMatchObject({ codec: "pcm_s16le", channels: 1 });
    expect(output.durationSeconds).toBeGreaterThan(flite.durationSeconds - 0.1);
    expect(output.wordTimingSource).toBe("aligned");
    expect(output.words.map((w) => w.word)).toEqual(text.split(" "));
    const errors = output.words
      .map((w, i) => Math.abs(w.start - flite.words[i].start))
      .sort((a, b) => a - b);
    expect(errors[Math.floor(errors.length / 2)]).toBeLessThanOrEqual(0.1);
    expect(speechCost(SPEECH_MODELS["minimax-speech-2.6-turbo"], 1000)).toBeCloseTo(0.06);
    expect(speechCost(SPEECH_MODELS["minimax-speech-02-turbo"], text.length)).toBeCloseTo(
      (0.015 * text.length) / 1000,
    );
  });

  test("bad input is refused before any prediction is made", async () => {
    const before = fake.predictions.size;
    for (const input of [
      { text: "Hello", voice: "Nobody", language: "en", speed: 1 },
      { text: "Hello", voice: "Calm_Woman", language: "xx", speed: 1 },
      { text: " ", voice: "Calm_Woman", language: "en", speed: 1 },
      { text: "a".repeat(3001), voice: "Calm_Woman", language: "en", speed: 1 },
    ]) {
      expect(() => speechPredictionInput(input)).toThrow(ProviderError);
      await expect(
        replicateSpeech("minimax-speech-02-turbo").synthesize(input, {
          workDir: dir,
          sessionId: "s",
        }),
      ).rejects.toBeInstanceOf(ProviderError);
    }
    expect(fake.predictions.size).toBe(before);
    expect(replicateSpeech().voices("ar").length).toBeGreaterThan(10);
    expect(replicateSpeech().voices("xx")).toEqual([]);
  });
});
