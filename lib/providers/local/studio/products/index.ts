// Which drawing a product gets: the category picks the family, words in the prompt pick the
// kind ("boots", "headphones", "perfume"), and each kind says which view suits close-ups
// and lifestyle scenes.
import type { ProductCategory } from "../../../types";
import { tokenize } from "../../words";
import type { Art, ArtView, Painter } from "./art";
import { drawFootwear } from "./footwear";
import { drawBox } from "./other";

export type ProductDrawing = {
  kind: string;
  draw: (p: Painter, view: ArtView) => Art;
  /** The view whose drawing a close-up crops into. */
  detailView: ArtView;
  /** The view placed into the lifestyle scene. */
  lifestyleView: ArtView;
  /** Shot floating with a slight tilt in side views (sneakers do, bottles stand). */
  floats: boolean;
  /** Stands on a podium in front views. */
  podium: boolean;
};

const has = (tokens: Set<string>, ...words: string[]) =>
  words.some((w) => tokens.has(w) || tokens.has(`${w}s`) || tokens.has(`${w}es`));

export function productDrawing(category: ProductCategory, productPrompt: string): ProductDrawing {
  const t = new Set(tokenize(productPrompt));
  switch (category) {
    case "footwear": {
      const boot =
        has(t, "boot", "hiking", "ankle") ||
        (t.has("high") && t.has("top")) ||
        t.has("hightop") ||
        t.has("hi");
      return {
        kind: boot ? "boot" : "sneaker",
        draw: (p, v) => drawFootwear(p, v, boot ? "boot" : "sneaker"),
        detailView: "side",
        lifestyleView: "side",
        floats: true,
        podium: false,
      };
    }
    default:
      return {
        kind: "box",
        draw: drawBox,
        detailView: "side",
        lifestyleView: "side",
        floats: false,
        podium: true,
      };
  }
}
