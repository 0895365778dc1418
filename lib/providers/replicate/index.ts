// The Replicate provider set (used when REPLICATE_API_TOKEN is set; lib/providers/registry.ts).

export { imageFromPrediction, replicateImage } from "./image";
export { replicateLlm } from "./llm";
export { musicFromPrediction, replicateMusic } from "./music";
export { wakePoller } from "./run-prediction";
export { replicateSpeech, replicateSpeechModel, speechFromPrediction } from "./speech";
export { clipFromPrediction, replicateVideo, videoFollowsPrompt } from "./video";
