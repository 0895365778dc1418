// What the pipeline keeps in sessions.metadata (JSONB), typed in one place.
import type { AspectRatio } from "../media/formats";
import type { CameraMovement, MusicGenre, PredictionIntent, View } from "../providers/types";

export type SessionMeta = {
  /** The user picked the category; the parser must not override it. */
  userCategory?: boolean;
  productPhotoAssetId?: string;
  parse?: {
    productName: string;
    palette: string[];
    negativePrompt: string;
    shots: { view: View; prompt: string }[];
  };
  /** Increments with each clip generation run; clips carry it in their metadata. */
  clipRun?: number;
  clipRunIds?: string[];
  clipOverrides?: {
    imageId: string;
    scenePrompt?: string;
    cameraMovement?: CameraMovement;
    motionIntensity?: number;
  }[];
  /** Fingerprint of the generate-clips request that started the current run (repeats are no-ops). */
  clipRequestHash?: string;
  videoModelFollowsPrompt?: boolean;
  /** Remote LLM predictions in flight (parse, plan-<run>), so a re-run re-attaches instead of paying again. */
  pendingPredictions?: Record<string, string | undefined>;
  /** What those calls were about to create (lib/providers/replicate/adopt-prediction.ts), until their id is known. */
  pendingIntents?: Record<string, PredictionIntent | undefined>;
  music?: { genre: MusicGenre };
  /** The latest composition request: its run number (job key), formats and fingerprint. */
  compose?: { run: number; ratios: AspectRatio[]; requestHash: string };
};

export const metaOf = (m: unknown): SessionMeta => (m ?? {}) as SessionMeta;
