// One product sentence per shape the offline studio draws, with the category it files under:
// the studio's acceptance test renders them all, the mood-board journey shows four.
import type { Shape } from "@/lib/providers/local/lexicon";
import type { ProductCategory } from "@/lib/providers/types";

export const SHAPE_SENTENCES: [Shape, ProductCategory, string][] = [
  ["bottle", "home", "matte-black stainless steel water bottle"],
  ["mug", "home", "hand-thrown stoneware coffee mug"],
  ["shoe", "footwear", "pink running sneakers with white laces"],
  ["headphones", "electronics", "wireless noise-cancelling headphones in navy"],
  ["phone", "electronics", "slim smartphone in midnight blue with a glass back"],
  ["watch", "accessories", "minimalist steel wristwatch with a brown leather strap"],
  ["bag", "accessories", "cognac leather tote bag with gold hardware"],
  ["jar", "beauty", "luxury night cream in a white glass jar"],
  ["laptop", "electronics", "ultra-thin silver laptop for creators"],
  ["chair", "home", "walnut wood dining chair with a cream seat"],
  ["perfume", "beauty", "eau de parfum in a faceted pink glass bottle"],
  ["speaker", "electronics", "portable bluetooth speaker in teal fabric"],
];
