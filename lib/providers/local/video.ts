// Placeholder until the camera-move renderer lands.
import { ProviderError, type VideoProvider } from "../types";
export const localVideo: VideoProvider = {
  followsPrompt: false,
  async generateClip() {
    throw new ProviderError("Local clip rendering is not available yet.", "permanent");
  },
};
