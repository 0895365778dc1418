// The JSON shape of sessions and assets in the API: camelCase, money as numbers.
import type { Asset, Session } from "../db/schema";

const num = (v: string | null | undefined) => (v === null || v === undefined ? null : Number(v));

export function sessionJson(s: Session) {
  return {
    id: s.id,
    status: s.status,
    currentStage: s.currentStage,
    progress: s.progressPercentage ?? 0,
    productCategory: s.productCategory,
    productPrompt: s.userProductPrompt,
    videoPrompt: s.userVideoPrompt,
    consistencySeed: s.consistencySeed,
    styleKeywords: s.styleKeywords ?? [],
    numImages: s.numImagesRequested,
    clipDurationSeconds: num(s.clipDurationSeconds),
    aspectRatio: s.aspectRatio,
    quality: s.quality,
    generatedImageIds: s.generatedImageIds ?? [],
    approvedImageIds: s.approvedImageIds ?? [],
    generatedClipIds: s.generatedClipIds ?? [],
    approvedClipIds: s.approvedClipIds ?? [],
    finalVideoId: s.finalVideoId,
    productName: s.productName,
    callToAction: s.callToAction,
    textColor: s.textColor,
    textFont: s.textFont,
    backgroundMusicEnabled: s.backgroundMusicEnabled,
    musicGenre: s.musicGenre,
    totalCost: num(s.totalCost) ?? 0,
    estimatedCost: num(s.estimatedCost),
    budgetUsd: num(s.budgetUsd),
    errorMessage: s.errorMessage,
    retryCount: s.retryCount ?? 0,
    metadata: s.metadata ?? {},
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    completedAt: s.completedAt,
  };
}
export type SessionJson = ReturnType<typeof sessionJson>;

const finalMeta = (a: Asset) =>
  (a.metadata ?? {}) as { aspectRatio?: string; posterUrl?: string; thumbnailUrl?: string };

export function assetJson(a: Asset) {
  return {
    id: a.id,
    sessionId: a.sessionId,
    type: a.type,
    source: a.source,
    status: a.status,
    url: a.url,
    mimeType: a.mimeType,
    fileSizeBytes: a.fileSizeBytes,
    resolution: a.resolution,
    durationSeconds: num(a.durationSeconds),
    fps: a.fps,
    generationCost: num(a.generationCost) ?? 0,
    generationTimeSeconds: num(a.generationTimeSeconds),
    modelVersion: a.modelVersion,
    viewType: a.viewType,
    seed: a.seed,
    guidanceScale: num(a.guidanceScale),
    sourceImageId: a.sourceImageId,
    scenePrompt: a.scenePrompt,
    cameraMovement: a.cameraMovement,
    motionIntensity: num(a.motionIntensity),
    prompt: a.generationPrompt,
    negativePrompt: a.negativePrompt,
    userSelected: a.userSelected,
    selectionOrder: a.selectionOrder,
    errorMessage: a.errorMessage,
    retryCount: a.retryCount,
    // final videos: their format and the poster/thumbnail stored beside them
    aspectRatio: finalMeta(a).aspectRatio ?? null,
    posterUrl: finalMeta(a).posterUrl ?? null,
    thumbnailUrl: finalMeta(a).thumbnailUrl ?? null,
    metadata: a.metadata ?? {},
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}
export type AssetJson = ReturnType<typeof assetJson>;
