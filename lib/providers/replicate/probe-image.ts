// Reads an output image's real size; a file sharp cannot decode is garbage, not an image.
import sharp from "sharp";
import { ProviderError } from "../types";

export async function probeImage(
  filePath: string,
  what: string,
): Promise<{ width: number; height: number }> {
  try {
    const meta = await sharp(filePath).metadata();
    if (!meta.width || !meta.height) throw new Error("no size");
    return { width: meta.width, height: meta.height };
  } catch {
    throw new ProviderError(
      `The ${what} model returned an unusable file (it cannot be opened as a picture). Retry to generate it again.`,
      "permanent",
    );
  }
}
