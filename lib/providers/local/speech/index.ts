// The offline `speech` provider: flite 2.3 (WASI) voices, English, $0. Word times come from
// flite's own phone end times (phone-words.ts); should the phones not map onto the text,
// the text is aligned to the audio instead (lib/media/align-words.ts) and the output says so.
import { randomUUID } from "node:crypto";
import { writeFile } from "node:fs/promises";
import path from "node:path";
import { alignWords } from "../../../media/align-words";
import { readWav, wavDuration } from "../../../media/wav";
import {
  ProviderError,
  type SpeechInput,
  type SpeechOutput,
  type SpeechProvider,
  type WordTiming,
} from "../../types";
import { localCall } from "../call";
import {
  MARKER_WORD,
  markedText,
  parsePhones,
  parsePhoneTimes,
  phonesPerToken,
  textTokens,
  wordsFromPhones,
} from "./phone-words";
import { runFlite } from "./run-flite";
import { FLITE_VOICES, LOCAL_SPEECH_MODEL, LOCAL_VOICES, speaksLocally } from "./voices";

/** Longer texts are refused: an ad's script is a hook, ≤ 4 lines and a call to action. */
export const MAX_LOCAL_SPEECH_CHARACTERS = 1500;

/** flite reads bytes as Latin text: typographic quotes and dashes become their ASCII kin. */
const forFlite = (token: string) =>
  token
    .replace(/[\u2018\u2019\u02bc]/g, "'")
    .replace(/[\u201c\u201d]/g, '"')
    .replace(/[\u2013\u2014]/g, "-")
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "");

function checkInput(input: SpeechInput): string {
  const voice = FLITE_VOICES[input.voice];
  if (!voice)
    throw new ProviderError(
      `There is no offline voice called "${input.voice}". Pick one of: ${Object.keys(FLITE_VOICES).join(", ")}.`,
      "permanent",
    );
  if (!speaksLocally(input.language))
    throw new ProviderError(
      `The offline voices speak English only, not "${input.language}". Use a Replicate voice for other languages, or no voice.`,
      "permanent",
    );
  if (textTokens(input.text).length === 0)
    throw new ProviderError("There is no text to speak.", "permanent");
  if (input.text.length > MAX_LOCAL_SPEECH_CHARACTERS)
    throw new ProviderError(
      `The text to speak is longer than ${MAX_LOCAL_SPEECH_CHARACTERS} characters.`,
      "permanent",
    );
  return voice.flite;
}

/** The phones flite speaks for each token, from one fast run with marker words between them. */
async function tokenPhones(tokens: string[], dir: string, signal?: AbortSignal) {
  const name = `tokens-${randomUUID()}.txt`;
  // flite drops a file's last word when no line break follows it.
  await writeFile(path.join(dir, name), `${markedText(tokens)}\n`);
  // The waveform of this run is thrown away: a tiny duration stretch makes it ~20× cheaper
  // and leaves the phones as they are. kal is the fastest voice; all share one lexicon.
  const printed = await runFlite(
    ["-voice", "kal", "--setf", "duration_stretch=0.05", "-ps", "-f", `/work/${name}`, "none"],
    dir,
    signal,
  );
  const phones = parsePhones(printed);
  const marker = await markerPhones(dir, signal);
  return phonesPerToken(phones, marker, tokens.length);
}

let markerCache: Promise<string[]> | undefined;
function markerPhones(dir: string, signal?: AbortSignal): Promise<string[]> {
  markerCache ??= runFlite(["-voice", "kal", "-ps", "-t", MARKER_WORD, "none"], dir, signal).then(
    parsePhones,
  );
  markerCache.catch(() => {
    markerCache = undefined;
  });
  return markerCache;
}

async function synthesize(input: SpeechInput, dir: string, signal?: AbortSignal) {
  const fliteVoice = checkInput(input);
  const tokens = textTokens(input.text);
  const spokenTokens = tokens.map(forFlite);
  const id = randomUUID();
  const textFile = `speech-${id}.txt`;
  const wavFile = `voice-${id}.wav`;
  await writeFile(path.join(dir, textFile), `${spokenTokens.join(" ")}\n`);
  const speed = Math.min(2, Math.max(0.5, input.speed || 1));
  const [printed, perToken] = await Promise.all([
    runFlite(
      [
        "-voice",
        fliteVoice,
        "--setf",
        `duration_stretch=${(1 / speed).toFixed(3)}`,
        "-psdur",
        "-f",
        `/work/${textFile}`,
        "-o",
        `/work/${wavFile}`,
      ],
      dir,
      signal,
    ),
    tokenPhones(spokenTokens, dir, signal),
  ]);
  const filePath = path.join(dir, wavFile);
  const audio = await readWav(filePath);
  let words: WordTiming[] = perToken
    ? wordsFromPhones(tokens, perToken, parsePhoneTimes(printed))
    : [];
  const source: SpeechOutput["wordTimingSource"] = words.length > 0 ? "synthesizer" : "aligned";
  if (words.length === 0) words = alignWords(tokens.join(" "), audio);
  const durationSeconds = Math.round(wavDuration(audio) * 1000) / 1000;
  // The waveform can end a few milliseconds before flite's last phone time.
  const inside = (t: number) => Math.min(t, durationSeconds);
  const output: SpeechOutput = {
    filePath,
    mimeType: "audio/wav",
    durationSeconds,
    words: words.map((w) => ({ word: w.word, start: inside(w.start), end: inside(w.end) })),
    wordTimingSource: source,
  };
  return output;
}

export const localSpeech: SpeechProvider = {
  voices(language) {
    return language === undefined || speaksLocally(language) ? LOCAL_VOICES : [];
  },
  synthesize(input, ctx) {
    return localCall(LOCAL_SPEECH_MODEL, ctx, async () => {
      const output = await synthesize(input, ctx.workDir, ctx.signal);
      return {
        output,
        secondsProcessed: output.durationSeconds,
        metadata: { voice: input.voice, characters: input.text.length, synthetic: true },
      };
    });
  },
};
