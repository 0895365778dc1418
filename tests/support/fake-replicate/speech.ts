// The fake's text-to-speech output: the prediction's own text really spoken (by the offline
// flite voice), in the audio format and sample rate the input asked for, so the app's
// download → conform → align path meets real speech, as it would from MiniMax.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { runFfmpeg } from "@/lib/media/ffmpeg";
import { localSpeech } from "@/lib/providers/local/speech";

const CODECS: Record<string, string[]> = {
  wav: ["-c:a", "pcm_s16le"],
  mp3: ["-c:a", "libmp3lame", "-b:a", "128k"],
  flac: ["-c:a", "flac"],
};

/** MiniMax's answer to `input`: { body, type, ext } of the spoken text. */
export async function speechOutput(
  input: Record<string, unknown>,
): Promise<{ body: Buffer; type: string; ext: string }> {
  const ext = String(input.audio_format ?? "mp3");
  const dir = await mkdtemp(path.join(tmpdir(), "fake-speech-"));
  try {
    const { output } = await localSpeech.synthesize(
      {
        text: String(input.text ?? ""),
        voice: "flite-kal",
        language: "en",
        speed: Number(input.speed ?? 1),
      },
      { workDir: dir, sessionId: "fake" },
    );
    const out = path.join(dir, `output.${ext}`);
    await runFfmpeg([
      "-i",
      output.filePath,
      "-ar",
      String(input.sample_rate ?? 32000),
      "-ac",
      input.channel === "stereo" ? "2" : "1",
      ...(CODECS[ext] ?? CODECS.mp3),
      out,
    ]);
    const type = ext === "wav" ? "audio/wav" : ext === "flac" ? "audio/flac" : "audio/mpeg";
    return { body: await readFile(out), type, ext };
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}
