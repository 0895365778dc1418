import localFont from "next/font/local";
import type { CSSProperties } from "react";
import type { FontId } from "@/lib/media/fonts";

// Bundled TTFs from npm: no font is fetched from the internet at build or run time.
export const inter = localFont({
  src: [
    {
      path: "../node_modules/@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf",
      weight: "400",
    },
    {
      path: "../node_modules/@expo-google-fonts/inter/500Medium/Inter_500Medium.ttf",
      weight: "500",
    },
    {
      path: "../node_modules/@expo-google-fonts/inter/600SemiBold/Inter_600SemiBold.ttf",
      weight: "600",
    },
    { path: "../node_modules/@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf", weight: "700" },
  ],
  variable: "--font-inter",
  display: "swap",
});

// The ad fonts, the same TTF files lib/media/fonts.ts renders the video with, so the font
// picker and the title preview show exactly what the ad gets. Not preloaded: only the
// Finish step uses them.
const poppins = localFont({
  src: "../node_modules/@expo-google-fonts/poppins/700Bold/Poppins_700Bold.ttf",
  weight: "700",
  display: "swap",
  preload: false,
});
const playfair = localFont({
  src: "../node_modules/@expo-google-fonts/playfair-display/700Bold/PlayfairDisplay_700Bold.ttf",
  weight: "700",
  display: "swap",
  preload: false,
});
const bebas = localFont({
  src: "../node_modules/@expo-google-fonts/bebas-neue/400Regular/BebasNeue_400Regular.ttf",
  weight: "400",
  display: "swap",
  preload: false,
});

/** By the composition's font id (lib/media/fonts.ts FONT_IDS). */
export const AD_FONTS = {
  inter: { label: "Inter", style: { fontFamily: inter.style.fontFamily, fontWeight: 700 } },
  poppins: { label: "Poppins", style: poppins.style },
  playfair: { label: "Playfair Display", style: playfair.style },
  bebas: { label: "Bebas Neue", style: bebas.style },
} satisfies Record<FontId, { label: string; style: CSSProperties }>;
export type AdFontId = keyof typeof AD_FONTS;
