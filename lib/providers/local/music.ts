// Placeholder until the synthesised music bed lands.
import { ProviderError, type MusicProvider } from "../types";
export const localMusic: MusicProvider = {
  async generateMusic() {
    throw new ProviderError("Local music is not available yet.", "permanent");
  },
};
