// The offline provider set: no network, no keys, $0, deterministic from the session's seed.

export { localImage } from "./image-renderer";
export { localLlm } from "./llm";
export { localMusic } from "./music";
export { localSpeech } from "./speech";
export { localVideo } from "./video";
