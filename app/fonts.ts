import localFont from "next/font/local";

// Bundled TTFs from npm: no font is fetched from the internet at build or run time.
export const inter = localFont({
  src: [
    { path: "../node_modules/@expo-google-fonts/inter/400Regular/Inter_400Regular.ttf", weight: "400" },
    { path: "../node_modules/@expo-google-fonts/inter/500Medium/Inter_500Medium.ttf", weight: "500" },
    { path: "../node_modules/@expo-google-fonts/inter/600SemiBold/Inter_600SemiBold.ttf", weight: "600" },
    { path: "../node_modules/@expo-google-fonts/inter/700Bold/Inter_700Bold.ttf", weight: "700" },
  ],
  variable: "--font-inter",
  display: "swap",
});
