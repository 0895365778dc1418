// What the browser (and any API client) sees of a session and its assets: camelCase, money
// as numbers, and of the metadata only what a user's screen needs. Internal bookkeeping —
// pending predictions and their intents, request fingerprints, prediction attempts — stays
// on the server. GET /api/sessions/:id, the stage requests and the socket's join ack all send
// these views; components/session-types.ts is the same type as the browser receives it.
import type { Asset, Session } from "../db/schema";
import { readAssetMeta } from "../pipeline/asset-meta";
import { readMeta, type SessionMeta } from "../pipeline/session-meta";

const num = (v: string | null | undefined) => (v === null || v === undefined ? null : Number(v));

/** The session metadata a client may see. */
export type SessionMetaView = Pick<
  SessionMeta,
  | "productPhotoAssetId"
  | "clipRun"
  | "clipRunIds"
  | "clipOverrides"
  | "videoModelFollowsPrompt"
  | "music"
  | "voiceOver"
  | "brand"
> & {
  parse?: Pick<NonNullable<SessionMeta["parse"]>, "productName" | "palette" | "shots">;
  compose?: Pick<NonNullable<SessionMeta["compose"]>, "run" | "ratios" | "logo" | "captions">;
  variants?: Pick<NonNullable<SessionMeta["variants"]>, "composeRun" | "items">;
};

function sessionMetaView(m: SessionMeta): SessionMetaView {
  return {
    productPhotoAssetId: m.productPhotoAssetId,
    parse: m.parse && {
      productName: m.parse.productName,
      palette: m.parse.palette,
      shots: m.parse.shots,
    },
    clipRun: m.clipRun,
    clipRunIds: m.clipRunIds,
    clipOverrides: m.clipOverrides,
    videoModelFollowsPrompt: m.videoModelFollowsPrompt,
    music: m.music,
    voiceOver: m.voiceOver,
    compose: m.compose && {
      run: m.compose.run,
      ratios: m.compose.ratios,
      logo: m.compose.logo,
      captions: m.compose.captions,
    },
    brand: m.brand,
    // The latest variants request (its fingerprint stays here).
    variants: m.variants && { composeRun: m.variants.composeRun, items: m.variants.items },
  };
}

export function sessionView(s: Session) {
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
    metadata: sessionMetaView(readMeta(s)),
    /** The ad's words (null until planned; set once clips are approved at the latest). */
    script: readMeta(s).script ?? null,
    createdAt: s.createdAt,
    updatedAt: s.updatedAt,
    completedAt: s.completedAt,
  };
}
export type SessionView = ReturnType<typeof sessionView>;

export function assetView(a: Asset) {
  // A remote call's bookkeeping is the server's; the rest (place, take, format, edit) is shown.
  const { predictionAttempt: _, predictionIntent: __, ...meta } = readAssetMeta(a);
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
    aspectRatio: meta.aspectRatio ?? null,
    posterUrl: meta.posterUrl ?? null,
    thumbnailUrl: meta.thumbnailUrl ?? null,
    captionsSrtUrl: meta.captionsSrtUrl ?? null,
    captionsVttUrl: meta.captionsVttUrl ?? null,
    // A/B variants (lib/sessions/variants.ts): the label and the choices it was made with.
    variant: meta.variant ?? null,
    variantSettings: meta.variantSettings ?? null,
    metadata: meta,
    createdAt: a.createdAt,
    updatedAt: a.updatedAt,
  };
}
export type AssetView = ReturnType<typeof assetView>;
