// The offline script writer's words: what a feature named in the product description
// promises a buyer, what each category and style is bought for, and hooks. Kept as data so a
// better line is a one-line change. `{noun}` is the product's noun ("water bottle"),
// `{colour}` the colour as the marketer wrote it ("matte black"), `{material}` the material.
import type { ProductCategory } from "../providers/types";

/** A feature word or phrase in the description → benefit lines (variants; one is chosen). */
export const FEATURE_LINES: [string[], string[]][] = [
  [
    ["insulated", "vacuum", "double walled", "thermal", "thermos"],
    [
      "Cold drinks stay cold and hot ones stay hot, for hours.",
      "Ice-cold at noon, still hot at dusk.",
    ],
  ],
  [
    ["waterproof", "water resistant", "water repellent", "weatherproof", "rainproof"],
    ["Rain or puddles, nothing gets through.", "Built for wet days, so you never slow down."],
  ],
  [
    ["leak proof", "leakproof", "spill proof"],
    ["The lid seals tight, so your bag stays dry.", "Leak-proof, wherever you toss it."],
  ],
  [
    ["stainless steel", "steel", "titanium", "aluminium", "aluminum", "metal"],
    [
      "Solid {material} that is built to last for years.",
      "Tough {material}, made to go the distance.",
    ],
  ],
  [
    ["leather", "suede", "nubuck"],
    [
      "Real {material} that only gets better with age.",
      "Supple {material}, crafted to age beautifully.",
    ],
  ],
  [
    ["cotton", "linen", "wool", "merino", "cashmere", "silk", "fleece", "denim", "velvet"],
    [
      "Soft {material} that feels good from morning to night.",
      "{Material} you'll want to live in.",
    ],
  ],
  [
    ["ceramic", "porcelain", "stoneware", "glass", "crystal"],
    [
      "{Material} that feels as good as it looks.",
      "Crafted in {material}, made for everyday rituals.",
    ],
  ],
  [
    ["wood", "wooden", "oak", "walnut", "bamboo", "teak"],
    ["Real {material}, warm to the touch.", "Natural {material} that brings calm to any room."],
  ],
  [
    ["gold", "silver", "sterling", "gold plated"],
    [
      "A {material} finish that catches the light.",
      "Polished {material} for a touch of shine every day.",
    ],
  ],
  [
    ["wireless", "bluetooth", "cordless"],
    ["No cables, no tangles: just press play.", "Wireless freedom, wherever the day takes you."],
  ],
  [
    ["noise cancelling", "noise canceling", "anc"],
    ["Shut out the noise and hear what matters.", "Your own quiet, anywhere you go."],
  ],
  [
    ["rechargeable", "battery", "usb c", "fast charging"],
    ["One charge keeps up with your whole day.", "Fast charging means ready when you are."],
  ],
  [
    ["lightweight", "ultralight", "ultra light", "featherweight"],
    ["So light you'll hardly notice the weight.", "Featherlight, for days that never stop."],
  ],
  [
    ["compact", "portable", "foldable", "pocket sized", "travel size"],
    ["Small enough to take anywhere you go.", "Packs small, goes everywhere."],
  ],
  [
    ["breathable", "mesh", "airy"],
    ["Breathable comfort that keeps you cool.", "Air flows through, so you stay fresh all day."],
  ],
  [
    ["cushioned", "memory foam", "padded", "soft sole", "comfortable", "comfy"],
    [
      "Cushioned comfort that lasts all day.",
      "Soft where it counts, from the first hour to the last.",
    ],
  ],
  [
    ["running", "runner", "marathon", "jogging"],
    ["Made for the miles, from warm-up to finish line.", "Every stride feels lighter on the road."],
  ],
  [
    ["gym", "training", "workout", "fitness", "yoga"],
    ["Ready for every rep, stretch and sprint.", "Built for training days and rest days alike."],
  ],
  [
    ["hiking", "outdoor", "trail", "camping", "adventure"],
    [
      "Ready for the trail and whatever comes after.",
      "Made for the outdoors, tough enough for the wild.",
    ],
  ],
  [
    ["travel", "commute", "commuter", "on the go"],
    [
      "Your companion for every trip, near or far.",
      "From the morning commute to the weekend away.",
    ],
  ],
  [
    ["organic", "natural ingredients", "plant based", "botanical"],
    ["Made with natural ingredients and nothing to hide.", "Pure, plant-powered care."],
  ],
  [
    ["vegan", "cruelty free"],
    ["Vegan and cruelty-free, always.", "Kind to animals, kind to you."],
  ],
  [
    ["recycled", "sustainable", "eco", "eco friendly", "biodegradable", "reusable"],
    ["Made to be kinder to the planet.", "Good for you, better for the planet."],
  ],
  [
    ["handmade", "handcrafted", "artisan", "hand painted", "hand stitched"],
    ["Handmade with care, so no two are the same.", "Crafted by hand, one piece at a time."],
  ],
  [
    ["hydrating", "moisturizing", "moisturising", "hyaluronic"],
    ["Deep hydration your skin can feel all day.", "Locks in moisture for a soft, fresh glow."],
  ],
  [
    ["spf", "sunscreen", "sun protection", "uv"],
    ["Everyday protection from the sun.", "Shields your skin, so you can stay out longer."],
  ],
  [
    ["scented", "fragrance", "lavender", "vanilla", "citrus", "aroma"],
    ["A scent that turns any moment into a ritual.", "Fill the room with a scent you'll love."],
  ],
  [
    ["smart", "app", "touchscreen", "voice control"],
    ["Smart features that simply work.", "Clever tech that makes every day easier."],
  ],
  [
    ["dishwasher safe", "easy to clean", "washable", "machine washable"],
    ["Easy to clean, good as new for years.", "Into the wash and good as new."],
  ],
  [
    ["adjustable", "custom fit", "stretch", "stretchy"],
    ["Adjusts to you for a perfect fit.", "A fit that moves with you."],
  ],
];

/** What each category is bought for, when the description names no feature. */
export const CATEGORY_LINES: Record<ProductCategory, string[]> = {
  footwear: [
    "Light on your feet from the first step to the last.",
    "Comfort that keeps up with your day.",
    "Style that goes wherever you go.",
    "Step out with confidence.",
  ],
  accessories: [
    "The finishing touch that pulls every look together.",
    "Made to be carried, worn and loved every day.",
    "Small details that say a lot about you.",
    "Everyday style with nothing out of place.",
  ],
  electronics: [
    "Powerful performance in a clean design.",
    "Technology that fits right into your life.",
    "Everything you need, nothing you don't.",
    "Set up in seconds, enjoyed for years.",
  ],
  beauty: [
    "Your daily ritual, made simple.",
    "Feel the difference from the very first use.",
    "Gentle enough for every day.",
    "A glow that looks and feels like you.",
  ],
  apparel: [
    "A fit that feels made for you.",
    "Easy to wear, hard to take off.",
    "Dress it up or keep it casual.",
    "Made for everyday life and every weekend.",
  ],
  home: [
    "Turns everyday moments into something special.",
    "Made to be used and loved every day.",
    "A little upgrade your home will thank you for.",
    "Designed for the way you really live.",
  ],
  other: [
    "Made for the way you live.",
    "Quality you can see and feel.",
    "Thoughtfully designed down to the last detail.",
    "The upgrade your everyday deserves.",
  ],
};

/** What each style word (lib/providers/local/lexicon.ts STYLE_WORDS) promises. */
export const STYLE_LINES: Record<string, string[]> = {
  minimalist: ["Clean lines and nothing you don't need.", "Simple, quiet, perfectly made."],
  luxury: ["Crafted for people who notice the details.", "Luxury you can feel in every detail."],
  elegant: ["Refined design for every occasion.", "Effortless elegance, every day."],
  vibrant: ["Bold colour that brightens every day.", "Bright enough to turn heads."],
  bold: ["Made to stand out, never to blend in.", "A statement, without saying a word."],
  playful: ["A little fun in every single day.", "Playful design that makes you smile."],
  retro: ["Classic style with a modern twist.", "A throwback that never goes out of style."],
  sporty: ["Made to move as fast as you do.", "Performance and style in one."],
  modern: ["Modern design that fits right in.", "Sleek, modern and made for today."],
  natural: ["Natural materials, honest design.", "Inspired by nature, made for you."],
  cozy: [
    "Cosy comfort for slow mornings and long nights.",
    "Warmth you can feel the moment you touch it.",
  ],
  urban: ["Made for the city and everything in it.", "Street-ready style for every day."],
  handmade: ["Handcrafted with care and character.", "Made by hand, made to last."],
};

/** Hooks for the first clip (≤ 60 characters after filling in); the style picks first. */
export const HOOKS_BY_STYLE: Record<string, string[]> = {
  luxury: ["Luxury, redefined: the {name}.", "Some things are worth it. The {name}."],
  minimalist: ["Less, but better: the {name}.", "Simply the {noun} you need."],
  sporty: ["Ready when you are: the {name}.", "Your new {noun} for every move."],
  playful: ["Say hello to more fun: the {name}.", "Your day just got brighter."],
  cozy: ["Get cosy with the {name}.", "Comfort, meet your new {noun}."],
  retro: ["A classic, reborn: the {name}.", "Old-school cool, new-school {noun}."],
  vibrant: ["Colour your day with the {name}.", "Bright, bold and all yours."],
  bold: ["Make a statement with the {name}.", "Not just another {noun}."],
  elegant: ["Elegance, every day: the {name}.", "Meet the {noun} made to impress."],
};
export const HOOKS: string[] = [
  "Meet the {name}.",
  "Meet your new favourite {noun}.",
  "The {noun} you've been waiting for.",
  "Looking for the perfect {noun}?",
  "This is the {name}.",
  "Say hello to the {name}.",
];
/** When every hook above is too long with the product's name. */
export const SHORT_HOOKS: string[] = ["Meet your new favourite.", "You'll want this one."];
