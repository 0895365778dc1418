// The Replicate provider set (used when REPLICATE_API_TOKEN is set; lib/providers/registry.ts).
export { replicateLlm } from "./llm";
export { replicateImage, imageModelId, imageFromPrediction } from "./image";
export { replicateVideo, videoModelId, clipFromPrediction } from "./video";
export { replicateMusic, musicFromPrediction } from "./music";
export { wakePoller } from "./run-prediction";
