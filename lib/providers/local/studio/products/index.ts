// Which drawing a product gets: the shape its prompt names (shapes.ts: "water bottle" is a
// bottle, "sneakers" a shoe), else the family of its category (footwear is a shoe), else a
// neutral box. Each drawing says which view suits close-ups and lifestyle scenes.

import type { ProductCategory } from "../../../types";
import type { Shape } from "../../lexicon";
import { detectShape } from "../../shapes";
import { tokenize } from "../../words";
import type { Art, ArtView, Painter } from "./art";
import { drawJar, drawPerfume } from "./beauty";
import { drawBag, drawWatch } from "./carry";
import { drawBottle, drawMug } from "./drinkware";
import { drawElectronics } from "./electronics";
import { drawFootwear } from "./footwear";
import { drawChair } from "./furniture";
import { drawBox } from "./other";

export type ProductDrawing = {
  kind: Shape | "boot" | "box";
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

const standing = (
  kind: ProductDrawing["kind"],
  draw: ProductDrawing["draw"],
  o: Partial<ProductDrawing> = {},
): ProductDrawing => ({
  kind,
  draw,
  detailView: "front",
  lifestyleView: "side",
  floats: false,
  podium: true,
  ...o,
});

const isBoot = (prompt: string) => {
  const t = new Set(tokenize(prompt));
  const has = (...words: string[]) => words.some((w) => t.has(w) || t.has(`${w}s`));
  return has("boot", "hiking", "ankle") || (t.has("high") && t.has("top")) || t.has("hightop");
};

/** The drawing of one shape; `prompt` picks a variant within it (a boot is a kind of shoe). */
export function shapeDrawing(shape: Shape | "box", prompt = ""): ProductDrawing {
  switch (shape) {
    case "shoe": {
      const kind = isBoot(prompt) ? "boot" : "sneaker";
      return standing(kind === "boot" ? "boot" : "shoe", (p, v) => drawFootwear(p, v, kind), {
        detailView: "side",
        floats: true,
        podium: false,
      });
    }
    case "bottle":
      return standing("bottle", drawBottle, { lifestyleView: "front" });
    case "mug":
      return standing("mug", drawMug, { detailView: "side" });
    case "jar":
      return standing("jar", drawJar, { lifestyleView: "front" });
    case "perfume":
      return standing("perfume", drawPerfume, { lifestyleView: "front" });
    case "watch":
      return standing("watch", drawWatch, { lifestyleView: "front" });
    case "bag":
      return standing("bag", drawBag, { lifestyleView: "front" });
    case "chair":
      return standing("chair", drawChair, { podium: false, lifestyleView: "front" });
    case "phone":
    case "headphones":
    case "laptop":
    case "speaker":
      return standing(shape, (p, v) => drawElectronics(p, v, shape), {
        lifestyleView: shape === "headphones" || shape === "speaker" ? "side" : "front",
        podium: shape !== "laptop",
      });
    case "box":
      return standing("box", drawBox, { detailView: "side" });
  }
}

export function productDrawing(category: ProductCategory, productPrompt: string): ProductDrawing {
  const named = detectShape(productPrompt)?.shape;
  if (named) return shapeDrawing(named, productPrompt);
  return shapeDrawing(category === "footwear" ? "shoe" : "box", productPrompt);
}
