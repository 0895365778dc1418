// The spec's texts as PNG overlays for one format: the title and the call to action, each
// sized for the frame and placed inside the format's safe area.
import { writeFile } from "node:fs/promises";
import path from "node:path";
import type { RangeSources } from "./args/render-range";
import type { CompositionSpec } from "./composition-spec";
import type { AspectRatio } from "./formats";
import { baseFontSize, placeInSafeArea, safeArea, type TextPosition } from "./safe-area";
import { renderTextImage, type TextImage, type TextImageOptions } from "./text-image";

export async function textOverlays(
  spec: CompositionSpec,
  ratio: AspectRatio,
  size: { width: number; height: number },
  dir: string,
  /** Shares identical images between the formats of a compose (sharedTextImages). */
  render: (opts: TextImageOptions) => Promise<TextImage> = renderTextImage,
): Promise<RangeSources["images"]> {
  const area = safeArea(ratio, size.width, size.height);
  const images: RangeSources["images"] = {};
  const make = async (
    kind: "title" | "cta",
    text: string,
    maxHeightShare: number,
    position: TextPosition,
  ) => {
    const img = await render({
      text,
      font: spec.font,
      color: spec.textColor,
      maxWidth: area.width,
      maxHeight: Math.round(area.height * maxHeightShare),
      fontSize: baseFontSize(kind, size.width, size.height),
    });
    const file = path.join(dir, `${kind}.png`);
    await writeFile(file, img.png);
    images[kind] = { path: file, ...placeInSafeArea(area, img.width, img.height, position) };
  };
  const card = spec.endCard;
  await Promise.all([
    spec.title ? make("title", spec.title.text, 0.35, spec.title.position) : undefined,
    // On the appended card the text has the frame to itself; over video it keeps low.
    // The designed end card (end-card.ts) draws its own call to action.
    card && !(card.mode === "append" && spec.brand)
      ? card.mode === "append"
        ? make("cta", card.text, 0.5, "center")
        : make("cta", card.text, 0.3, "bottom")
      : undefined,
  ]);
  return images;
}
