// The offline provider set: no network, no keys, $0, deterministic from the session's seed.
export { localLlm } from "./llm";
export { localImage } from "./image-renderer";
export { localVideo } from "./video";
export { localMusic } from "./music";
