// The words the rule-based parser knows: product nouns per category, style words, colour
// names. Kept as data so adding a word is a one-line change.
import type { ProductCategory, View } from "../types";

/** Product nouns (singular; plurals are matched too) and multi-word names per category. */
export const CATEGORY_WORDS: Record<Exclude<ProductCategory, "other">, string[]> = {
  footwear: [
    "shoe", "sneaker", "trainer", "boot", "sandal", "heels", "high heels", "stiletto", "loafer", "slipper",
    "flip flop", "clog", "footwear", "cleat", "espadrille", "moccasin", "slide", "mule", "kicks",
  ],
  accessories: [
    "watch", "bag", "handbag", "backpack", "purse", "tote", "wallet", "clutch", "sunglasses", "glasses",
    "eyewear", "jewelry", "jewellery", "necklace", "bracelet", "ring", "earring", "belt", "scarf", "hat",
    "cap", "beanie", "umbrella", "keychain", "phone case", "pendant", "brooch", "cufflink", "satchel", "luggage",
    "suitcase", "duffel", "crossbody",
  ],
  electronics: [
    "headphone", "earbud", "earphone", "headset", "phone", "smartphone", "iphone", "speaker", "laptop", "tablet",
    "camera", "smartwatch", "smart watch", "console", "controller", "keyboard", "mouse", "monitor", "tv",
    "television", "charger", "drone", "gadget", "airpods", "power bank", "soundbar", "projector", "e-reader",
    "fitness tracker", "microphone",
  ],
  beauty: [
    "lipstick", "lip gloss", "lip balm", "serum", "perfume", "fragrance", "cologne", "cream", "moisturizer",
    "moisturiser", "lotion", "foundation", "mascara", "nail polish", "skincare", "shampoo", "conditioner",
    "cleanser", "toner", "sunscreen", "balm", "makeup", "cosmetic", "eyeshadow", "palette", "face oil",
    "body oil", "body wash", "soap", "deodorant", "eau de parfum", "concealer", "primer", "highlighter",
  ],
  apparel: [
    "shirt", "t-shirt", "tshirt", "tee", "jacket", "dress", "hoodie", "sweater", "sweatshirt", "jeans", "pants",
    "trousers", "shorts", "skirt", "coat", "blazer", "jumper", "cardigan", "leggings", "suit", "polo", "vest",
    "jersey", "blouse", "parka", "tank top", "pullover", "windbreaker", "tracksuit", "joggers", "pajamas",
    "kimono", "overalls", "swimsuit", "bikini",
  ],
  home: [
    "lamp", "mug", "cup", "chair", "candle", "pillow", "cushion", "vase", "planter", "plant pot", "blanket",
    "throw", "rug", "table", "sofa", "couch", "clock", "teapot", "kettle", "bowl", "plate", "diffuser",
    "picture frame", "mirror", "shelf", "towel", "cookware", "pan", "water bottle", "tumbler", "carafe",
    "stool", "bedding", "duvet", "lantern", "coaster", "glassware", "wine glass", "pot",
  ],
};

/** Style keywords the parser recognises, each with the words that suggest it. */
export const STYLE_WORDS: Record<string, string[]> = {
  minimalist: ["minimalist", "minimal", "minimalistic", "clean", "simple", "understated", "scandinavian", "nordic"],
  luxury: ["luxury", "luxurious", "premium", "high-end", "high end", "opulent", "designer", "exclusive"],
  elegant: ["elegant", "sophisticated", "refined", "classy", "graceful", "chic"],
  vibrant: ["vibrant", "colorful", "colourful", "bright", "neon", "vivid", "saturated", "pop"],
  bold: ["bold", "striking", "loud", "statement"],
  playful: ["playful", "fun", "cute", "whimsical", "quirky", "kawaii"],
  retro: ["retro", "vintage", "80s", "90s", "70s", "nostalgic", "old school", "throwback", "y2k"],
  sporty: ["sporty", "sport", "sports", "athletic", "running", "tennis", "gym", "fitness", "training", "basketball", "performance", "workout", "yoga"],
  modern: ["modern", "sleek", "contemporary", "futuristic", "high-tech", "tech", "smart"],
  natural: ["natural", "organic", "eco", "eco-friendly", "sustainable", "botanical", "earthy", "vegan", "wooden", "bamboo", "linen"],
  cozy: ["cozy", "cosy", "warm", "soft", "comfy", "snug", "fluffy"],
  urban: ["urban", "street", "streetwear", "edgy", "grunge"],
  handmade: ["handmade", "artisan", "handcrafted", "crafted", "rustic"],
};

/** What a product of each category looks best with when the prompt names no style. */
export const DEFAULT_STYLES: Record<ProductCategory, string[]> = {
  footwear: ["modern", "sporty"],
  accessories: ["elegant", "minimalist"],
  electronics: ["modern", "minimalist"],
  beauty: ["elegant", "minimalist"],
  apparel: ["modern", "urban"],
  home: ["cozy", "natural"],
  other: ["modern", "minimalist"],
};

/** Colour names to hex. Multi-word names win over their parts ("rose gold" over "rose"). */
export const COLOUR_WORDS: Record<string, string> = {
  red: "#D62839", crimson: "#B3173A", scarlet: "#E0282E", cherry: "#C2153A", burgundy: "#7A1E32", maroon: "#6E1B2A",
  wine: "#722F37", ruby: "#B0103A", pink: "#F28DB2", "hot pink": "#FF4FA0", "baby pink": "#F9C4D6", blush: "#EBB5BC",
  rose: "#E8869C", "rose gold": "#D9A08B", "dusty pink": "#D8A1A6", coral: "#F47C6A", salmon: "#F49C83", peach: "#F8B795",
  orange: "#F28C28", "burnt orange": "#CC5A1E", tangerine: "#F59222", amber: "#F0A32B", rust: "#B5502A", terracotta: "#C8694A",
  yellow: "#F6D32D", mustard: "#D9A520", lemon: "#F7E55A", gold: "#D4AF37", golden: "#D9AE45", champagne: "#E8D5B0",
  beige: "#D9C7AA", cream: "#F3E9D2", ivory: "#F6F1E3", "off white": "#F1EEE6", sand: "#D8C3A0", tan: "#C8A47A",
  khaki: "#B8A679", camel: "#C19A6B", brown: "#7B4F2E", chocolate: "#4E3021", coffee: "#6F4E37", caramel: "#B87333",
  cognac: "#9A4E1D", walnut: "#5E4029", bronze: "#A87333", copper: "#B8733E", green: "#2E9E5B", olive: "#708238",
  sage: "#A3B899", mint: "#A8E6CF", emerald: "#1E8C5A", "forest green": "#23563A", "dark green": "#1F5135", lime: "#9BD63A",
  teal: "#1D8A8A", turquoise: "#2FC4C0", aqua: "#46D2D6", cyan: "#2BC0E4", blue: "#2D6FD6", "sky blue": "#7EC4EF",
  "baby blue": "#A9D2F2", "light blue": "#8CC3EA", navy: "#1F2F57", "navy blue": "#1F2F57", "royal blue": "#2A4FC9",
  cobalt: "#1F4FB8", indigo: "#3F3D9E", denim: "#4A6A93", "electric blue": "#1F6BFF", purple: "#7E45B8", violet: "#8A4FD0",
  lavender: "#B9A7E0", lilac: "#C8A2D8", plum: "#6E2F5E", magenta: "#D0258F", fuchsia: "#E4338E", mauve: "#B28497",
  white: "#FFFFFF", "snow white": "#FAFAFA", black: "#111111", "jet black": "#0A0A0A", "matte black": "#1A1A1A",
  charcoal: "#36393F", grey: "#8E9196", gray: "#8E9196", "light grey": "#C9CBCF", "light gray": "#C9CBCF",
  "dark grey": "#4A4D52", "dark gray": "#4A4D52", silver: "#C4C7CC", slate: "#5E6B78", graphite: "#3C3F44",
  "space grey": "#5B5E63", "space gray": "#5B5E63", pearl: "#EDE8E0", nude: "#E3BC9A", taupe: "#8B7D6B",
};

/** Words in front of a colour that change it: "light blue", "deep red", "pastel pink". */
export const COLOUR_MODIFIERS: Record<string, { dl: number; ds: number }> = {
  light: { dl: 18, ds: -10 }, pale: { dl: 24, ds: -20 }, pastel: { dl: 20, ds: -25 }, soft: { dl: 10, ds: -15 },
  dark: { dl: -20, ds: 0 }, deep: { dl: -16, ds: 8 }, rich: { dl: -8, ds: 10 }, muted: { dl: 0, ds: -30 },
  dusty: { dl: 0, ds: -28 }, bright: { dl: 6, ds: 20 }, neon: { dl: 4, ds: 40 }, vivid: { dl: 2, ds: 30 },
};

/** Parts of a product: a colour right before one of these is a detail colour, not the main one. */
export const PART_WORDS = new Set([
  "lace", "laces", "sole", "soles", "outsole", "midsole", "strap", "straps", "band", "trim", "accent", "accents",
  "detail", "details", "detailing", "stitching", "stitches", "logo", "logos", "cap", "lid", "handle", "handles",
  "buckle", "zipper", "zip", "button", "buttons", "lining", "heel", "tip", "toe", "piping", "print", "stripe",
  "stripes", "dial", "face", "hands", "frame", "frames", "lens", "lenses", "hardware", "pump", "dropper", "label",
  "cord", "cable", "cushions", "tongue", "collar", "cuffs", "pocket", "pockets", "hood", "base", "shade", "rim",
]);

/** Words that start a qualifying phrase: the product's head noun comes before them. */
export const PHRASE_BREAKS = new Set(["with", "for", "featuring", "that", "which", "in", "on", "made", "by", "from", "to", "having", "plus"]);

/** Leading words that are not part of a product name. */
export const NAME_FILLER = new Set(["a", "an", "the", "some", "my", "our", "your", "their", "new", "brand", "pair", "of", "set", "this", "these"]);

export const VIEW_PHRASES: Record<View, string> = {
  front: "front view, centered, facing the camera",
  side: "side profile view",
  back: "back view showing the rear of the product",
  top: "top-down flat lay view from directly above",
  detail: "extreme close-up macro shot of the material, texture and craftsmanship",
  lifestyle: "lifestyle shot placed in a styled real-world setting with soft props",
};

export const NEGATIVE_BASE = [
  "blurry", "low quality", "lowres", "distorted", "deformed", "duplicate product", "extra parts", "cropped product",
  "bad proportions", "text", "watermark", "signature", "logo", "jpeg artifacts", "noisy", "oversaturated",
  "cluttered background",
];

export const NEGATIVE_BY_CATEGORY: Record<ProductCategory, string[]> = {
  footwear: ["mismatched pair", "melted sole", "tangled laces", "feet", "legs"],
  accessories: ["tangled strap", "warped metal", "hands"],
  electronics: ["cracked screen", "tangled cables", "fingerprints"],
  beauty: ["smudged label", "spilled product", "fingerprints"],
  apparel: ["wrinkled fabric", "mannequin", "person", "faces"],
  home: ["clutter", "dust", "people"],
  other: ["people", "hands"],
};

/** Lighting and backdrop phrases for image prompts, by the first style keyword. */
export const STYLE_LOOKS: Record<string, string> = {
  minimalist: "soft diffused studio lighting on a seamless light backdrop",
  luxury: "dramatic low-key lighting with a warm rim light on a dark backdrop",
  elegant: "soft directional lighting on a refined muted backdrop",
  vibrant: "bright high-key lighting on a saturated colour backdrop",
  bold: "hard punchy lighting on a bold colour backdrop",
  playful: "bright cheerful lighting on a pastel colour backdrop",
  retro: "warm film-like lighting on a vintage colour backdrop",
  sporty: "crisp dynamic lighting with energetic diagonal accents",
  modern: "crisp studio lighting on a clean gradient backdrop",
  natural: "soft daylight with natural textures and greenery",
  cozy: "warm golden lighting in a cozy setting",
  urban: "moody city-light tones on a concrete backdrop",
  handmade: "warm natural light on rustic textured surfaces",
};
