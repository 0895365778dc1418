// LlmProvider.planScenes without an LLM: each approved image gets a scene prompt, a camera
// move that suits its view, and a motion intensity read from the mood words of the user's
// scene prompt. Deterministic: the seed only varies choices among equally good ones.
import {
  type CameraMovement,
  type PlanScenesInput,
  ProviderError,
  type ScenePlan,
  type View,
} from "../types";
import { createRng, mixSeed } from "./seeded";
import { clipText, findPhrases, phraseMap, tokenize } from "./words";

/** Moves that suit each view, best first (detail shots push in, flat lays tilt, ...). */
const MOVES_BY_VIEW: Record<View, CameraMovement[]> = {
  front: ["zoom_in", "orbit", "zoom_out"],
  side: ["orbit", "pan_right", "pan_left"],
  back: ["zoom_out", "pan_left", "orbit"],
  top: ["tilt_down", "zoom_in", "tilt_up"],
  detail: ["zoom_in", "pan_right", "tilt_up"],
  lifestyle: ["pan_right", "pan_left", "zoom_out"],
};

/** Explicit camera directions in the user's scene prompt: every clip follows them, in turn. */
const MOVE_WORDS = phraseMap<CameraMovement | "pan" | "tilt">([
  ["orbit", "orbit"],
  ["orbiting", "orbit"],
  ["rotate", "orbit"],
  ["rotating", "orbit"],
  ["rotation", "orbit"],
  ["spin", "orbit"],
  ["spinning", "orbit"],
  ["360", "orbit"],
  ["turntable", "orbit"],
  ["circle around", "orbit"],
  ["zoom in", "zoom_in"],
  ["push in", "zoom_in"],
  ["dolly in", "zoom_in"],
  ["zoom", "zoom_in"],
  ["zooming", "zoom_in"],
  ["zoom out", "zoom_out"],
  ["pull back", "zoom_out"],
  ["pull out", "zoom_out"],
  ["dolly out", "zoom_out"],
  ["pan left", "pan_left"],
  ["pan right", "pan_right"],
  ["pan", "pan"],
  ["panning", "pan"],
  ["tracking shot", "pan"],
  ["tilt up", "tilt_up"],
  ["tilt down", "tilt_down"],
  ["crane up", "tilt_up"],
  ["tilt", "tilt"],
  ["tilting", "tilt"],
  ["static", "static"],
  ["locked off", "static"],
  ["tripod", "static"],
  ["no camera movement", "static"],
]);

/** Vaguer hints ("reveal", "glide"): used only for the views where that move already suits. */
const HINT_WORDS = phraseMap<CameraMovement>([
  ["reveal", "zoom_out"],
  ["revealing", "zoom_out"],
  ["closer", "zoom_in"],
  ["close in", "zoom_in"],
  ["push", "zoom_in"],
  ["around", "orbit"],
  ["revolve", "orbit"],
  ["glide", "pan_right"],
  ["sweep", "pan_right"],
  ["slide", "pan_right"],
  ["rise", "tilt_up"],
  ["rising", "tilt_up"],
  ["descend", "tilt_down"],
  ["still", "static"],
  ["steady", "static"],
]);

const CALM = new Set([
  "calm",
  "slow",
  "slowly",
  "subtle",
  "subtly",
  "gentle",
  "gently",
  "soft",
  "softly",
  "smooth",
  "serene",
  "relaxed",
  "peaceful",
  "dreamy",
  "quiet",
  "graceful",
  "floating",
  "lazy",
  "tranquil",
  "minimal",
  "elegant",
  "delicate",
  "chill",
]);
const ENERGETIC = new Set([
  "dynamic",
  "energetic",
  "fast",
  "quick",
  "quickly",
  "rapid",
  "punchy",
  "exciting",
  "intense",
  "powerful",
  "action",
  "hype",
  "explosive",
  "aggressive",
  "epic",
  "dramatic",
  "upbeat",
  "speedy",
  "whip",
  "bold",
  "lively",
  "bouncy",
  "sporty",
]);

const VIEW_NOUNS: Record<View, string> = {
  front: "front",
  side: "side profile",
  back: "back",
  top: "top-down flat lay",
  detail: "close-up details",
  lifestyle: "lifestyle scene",
};

function movePhrase(move: CameraMovement, intensity: number): string {
  const pace = intensity < 0.35 ? "Slow" : intensity > 0.7 ? "Quick" : "Smooth";
  const what: Record<CameraMovement, string> = {
    static: "locked-off shot with a gentle breathing drift",
    zoom_in: "push-in",
    zoom_out: "pull-back reveal",
    pan_left: "pan to the left",
    pan_right: "pan to the right",
    tilt_up: "tilt up",
    tilt_down: "tilt down",
    orbit: "orbit",
  };
  return move === "static" ? `Steady ${what.static}` : `${pace} ${what[move]}`;
}

/** Motion intensity from mood words: calm words lower it, energetic words raise it. */
export function moodIntensity(videoPrompt: string): number {
  const tokens = tokenize(videoPrompt);
  let calm = 0;
  let energy = 0;
  for (const t of tokens) {
    if (CALM.has(t)) calm++;
    if (ENERGETIC.has(t)) energy++;
  }
  return Math.min(0.95, Math.max(0.1, 0.5 - 0.17 * Math.min(calm, 2) + 0.17 * Math.min(energy, 2)));
}

/** Camera moves the user asked for in words, in order, with pan/tilt directions alternating. */
function requestedMoves(videoPrompt: string): (CameraMovement | "pan" | "tilt")[] {
  return [...new Set(findPhrases(tokenize(videoPrompt), MOVE_WORDS).map((m) => m.value))];
}

function hintedMoves(videoPrompt: string): Set<CameraMovement> {
  return new Set(findPhrases(tokenize(videoPrompt), HINT_WORDS).map((m) => m.value));
}

export function planScenesLocally(input: PlanScenesInput): ScenePlan {
  if (!input.images.length) throw new ProviderError("No images to plan clips for", "permanent");
  const videoPrompt = input.videoPrompt.replace(/\s+/g, " ").trim();
  const product = clipText(input.productPrompt.replace(/[.!?]+$/, ""), 80) || "the product";
  const base = moodIntensity(videoPrompt);
  const asked = requestedMoves(videoPrompt);
  const hints = hintedMoves(videoPrompt);
  let previous: CameraMovement | undefined;

  const clips = input.images.map((image, i) => {
    const rng = createRng(mixSeed(input.seed, "scene", i, image.id, image.view));
    let move: CameraMovement;
    if (asked.length) {
      const wanted = asked[i % asked.length];
      const flip = Math.floor(i / asked.length) % 2 === 1;
      move =
        wanted === "pan"
          ? flip
            ? "pan_left"
            : "pan_right"
          : wanted === "tilt"
            ? image.view === "top" || flip
              ? "tilt_down"
              : "tilt_up"
            : wanted;
    } else {
      // Mostly the view's best move, sometimes the second or third; never the same move twice in a row.
      const options = MOVES_BY_VIEW[image.view];
      const roll = rng.next();
      let k = roll < 0.6 ? 0 : roll < 0.9 ? 1 : 2;
      const hinted = options.findIndex((o) => hints.has(o));
      if (hinted !== -1) k = hinted;
      else if (options[k] === previous) k = (k + 1) % options.length;
      move = options[k];
    }
    previous = move;

    const viewShift = image.view === "detail" ? -0.08 : image.view === "lifestyle" ? 0.05 : 0;
    const intensity =
      Math.round(Math.min(0.95, Math.max(0.1, base + viewShift + rng.range(-0.07, 0.07))) * 100) /
      100;

    const scene = `${movePhrase(move, intensity)} on the ${VIEW_NOUNS[image.view]} of ${product}`;
    const scenePrompt = clipText(
      videoPrompt ? `${scene}. ${videoPrompt}` : `${scene}, clean studio light`,
      300,
    );
    return { imageId: image.id, scenePrompt, cameraMovement: move, motionIntensity: intensity };
  });
  return { clips };
}
