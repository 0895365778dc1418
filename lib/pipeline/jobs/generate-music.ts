// The background music of a composition: an `audio` asset of the session, made by the music
// provider (MusicGen on Replicate, a synthesised bed offline) and reused by every later
// compose with the same genre that it is long enough for (no loop: shorter music is made anew). Called by the compose job, which
// then trims, fades and levels it (lib/media). The asset row exists before the call is made
// and carries the prediction id, so a crash never pays twice.
import path from "node:path";
import { failAsset, getAsset, insertAssets, listSessionAudio } from "../../db/queries/assets";
import { updateSession } from "../../db/queries/sessions";
import type { Asset, Session } from "../../db/schema";
import { probe } from "../../media/probe";
import { providers } from "../../providers/registry";
import { type MusicGenre, ProviderError } from "../../providers/types";
import { storage } from "../../storage";
import { readAssetMeta } from "../asset-meta";
import { attemptHooks } from "../attempt-hooks";
import { recordCall } from "../ledger";
import { assetPredictionHooks } from "../prediction-ids";
import { classify } from "../run-call";
import { saveAssetOutput } from "./save-output";

const EXTENSIONS = { "audio/wav": "wav", "audio/mpeg": "mp3", "audio/mp4": "m4a" } as const;
/**
 * A bed is reused only when it covers the whole ad (this is measuring slack, not a loop):
 * a shorter one is made again for the new length rather than repeated (the mixer crossfades
 * a repeat, music-loop.ts, but a bed made for the length ends as a phrase, not a join).
 */
const SLACK_SECONDS = 0.05;

const genreOf = (a: Asset) => readAssetMeta(a).genre;

/** The newest finished music of this genre that is long enough, if any. */
export async function reusableMusic(
  sessionId: string,
  genre: MusicGenre,
  durationSeconds: number,
): Promise<Asset | undefined> {
  const rows = await listSessionAudio({ sessionId, status: "completed" });
  return rows.find(
    (a) =>
      genreOf(a) === genre &&
      a.storagePath &&
      Number(a.durationSeconds ?? 0) >= durationSeconds - SLACK_SECONDS,
  );
}

/**
 * A local file with the session's music for `genre`, at least `durationSeconds` long:
 * downloaded when it exists, otherwise generated, stored and costed (audio_generation).
 */
export async function ensureMusic(
  s: Session,
  opts: { genre: MusicGenre; durationSeconds: number; workDir: string; signal?: AbortSignal },
): Promise<{ path: string; asset: Asset }> {
  const existing = await reusableMusic(s.id, opts.genre, opts.durationSeconds);
  if (existing?.storagePath) {
    const file = path.join(opts.workDir, path.basename(existing.storagePath));
    await storage().download(existing.storagePath, file);
    return { path: file, asset: existing };
  }
  const p = providers();
  const asset =
    (await unfinishedMusic(s.id, opts.genre)) ??
    (await startMusicAsset(s, opts.genre, p.sources.music));
  const started = Date.now();
  const attempts = attemptHooks({
    s,
    assetId: asset.id,
    category: "audio_generation",
    provider: p.kind,
    model: p.models.music,
  });
  try {
    const { output, call } = await p.music.generateMusic(
      {
        genre: opts.genre,
        durationSeconds: Math.min(180, Math.max(1, Math.ceil(opts.durationSeconds))),
        seed: s.consistencySeed ?? 0,
      },
      {
        workDir: opts.workDir,
        sessionId: s.id,
        assetId: asset.id,
        signal: opts.signal,
        attempt: asset.retryCount,
        ...attempts.hooks,
        ...assetPredictionHooks(asset, {
          sessionId: s.id,
          category: "audio_generation",
          model: p.models.music,
        }),
      },
    );
    const info = await probe(output.filePath);
    const done = await saveAssetOutput({
      sessionId: s.id,
      assetId: asset.id,
      category: "audio_generation",
      call,
      filePath: output.filePath,
      ext: EXTENSIONS[output.mimeType],
      facts: { durationSeconds: info.durationSeconds },
      alsoInTx: (tx, row) => updateSession({ tx, id: s.id, set: { musicUrl: row.url } }),
    });
    if (!done) throw new ProviderError("The music was cancelled.", "permanent");
    return { path: output.filePath, asset: done };
  } catch (err) {
    if (opts.signal?.aborted) throw err;
    const e = classify(err);
    await recordCall({
      sessionId: s.id,
      assetId: asset.id,
      category: "audio_generation",
      call: {
        amountUsd: 0,
        provider: p.kind,
        model: attempts.model(),
        latencyMs: Date.now() - started,
      },
      success: false,
      errorMessage: e.message,
    });
    await failAsset({ id: asset.id, message: e.message });
    throw new ProviderError(
      `The background music could not be made (${e.message.replace(/\.$/, "")}). Retry, or compose without music.`,
      e.kind,
    );
  }
}

/** Music of this genre that an interrupted compose started: finish it (and its prediction). */
async function unfinishedMusic(sessionId: string, genre: MusicGenre): Promise<Asset | undefined> {
  const rows = await listSessionAudio({ sessionId, status: "generating" });
  const row = rows.find((a) => genreOf(a) === genre);
  return row ? getAsset({ id: row.id }) : undefined;
}

async function startMusicAsset(
  s: Session,
  genre: MusicGenre,
  source: Asset["source"],
): Promise<Asset> {
  const [row] = await insertAssets({
    values: [
      {
        sessionId: s.id,
        type: "audio",
        source,
        status: "generating",
        url: "",
        metadata: { genre },
      },
    ],
  });
  return row;
}
