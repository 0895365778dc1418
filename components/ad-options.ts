// The choices the studio offers, shared by the forms (values are the API's).
export const CATEGORIES = [
  ["footwear", "Footwear"],
  ["accessories", "Accessories"],
  ["electronics", "Electronics"],
  ["beauty", "Beauty"],
  ["apparel", "Apparel"],
  ["home", "Home"],
  ["other", "Other"],
] as const;
export type Category = (typeof CATEGORIES)[number][0];

export const RATIOS = [
  { value: "9:16", label: "9:16", hint: "Reels, TikTok, Shorts" },
  { value: "1:1", label: "1:1", hint: "Feeds" },
  { value: "16:9", label: "16:9", hint: "YouTube, web" },
] as const;
export type Ratio = (typeof RATIOS)[number]["value"];

export const CAMERA_MOVES = [
  ["static", "Still"],
  ["zoom_in", "Zoom in"],
  ["zoom_out", "Zoom out"],
  ["pan_left", "Pan left"],
  ["pan_right", "Pan right"],
  ["tilt_up", "Tilt up"],
  ["tilt_down", "Tilt down"],
  ["orbit", "Orbit"],
] as const;
export type CameraMove = (typeof CAMERA_MOVES)[number][0];
export const cameraLabel = (v: string | null | undefined) =>
  CAMERA_MOVES.find(([k]) => k === v)?.[1] ?? "Auto";

export const GENRES = ["upbeat", "chill", "energetic", "cinematic"] as const;
export type Genre = (typeof GENRES)[number];

/** Choices labelled by their value, capitalised ("upbeat" → "Upbeat"). */
export const namedChoices = <T extends string>(values: readonly T[]) =>
  values.map((value) => ({ value, label: value[0].toUpperCase() + value.slice(1) }));

export const LIMITS = {
  productPrompt: 200,
  videoPrompt: 300,
  productName: 50,
  callToAction: 30,
  minImages: 4,
  maxImages: 8,
  minApprovedImages: 2,
} as const;

/** Video models that animate an image without reading a text prompt (until the session says). */
export const PROMPTLESS_VIDEO_MODELS: string[] = ["local-camera-1", "stable-video-diffusion"];
