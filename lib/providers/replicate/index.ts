// The Replicate provider set (used when REPLICATE_API_TOKEN is set; lib/providers/registry.ts).

export { imageFromPrediction, imageModelId, replicateImage } from "./image";
export { replicateLlm } from "./llm";
export { musicFromPrediction, replicateMusic } from "./music";
export { wakePoller } from "./run-prediction";
export { clipFromPrediction, replicateVideo, videoModelId } from "./video";
