// What the pipeline keeps in sessions.metadata (JSONB), typed in one place.
import type { CameraMovement, MusicGenre, View } from "../providers/types";

export type SessionMeta = {
  /** The user picked the category; the parser must not override it. */
  userCategory?: boolean;
  productPhotoAssetId?: string;
  parse?: { productName: string; palette: string[]; negativePrompt: string; shots: { view: View; prompt: string }[] };
  /** Increments with each clip generation run; clips carry it in their metadata. */
  clipRun?: number;
  clipRunIds?: string[];
  clipOverrides?: { imageId: string; scenePrompt?: string; cameraMovement?: CameraMovement; motionIntensity?: number }[];
  videoModelFollowsPrompt?: boolean;
  music?: { genre: MusicGenre };
};

export const metaOf = (m: unknown): SessionMeta => (m ?? {}) as SessionMeta;
