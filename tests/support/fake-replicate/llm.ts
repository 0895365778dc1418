// Llama's answers: read what was asked from the prompt (as the model would) and answer with
// good JSON, broken JSON, JSON of the wrong shape, or a script over the limits.
export type LlmMode = "good" | "invalid-json" | "wrong-shape" | "long-script";

/** The script a prompt asks for ("exactly N benefit lines", in a language), as Llama writes it. */
function script(prompt: string, mode: LlmMode) {
  const n = Number(/exactly (\d+) benefit line/.exec(prompt)?.[1] ?? 1);
  const product = /Product: "([^"]*)"/.exec(prompt)?.[1] ?? "this";
  const language = /in the language "([^"]+)"/.exec(prompt)?.[1] ?? "en";
  const said = [
    "Comfort that lasts all day.",
    "Made to be shared.",
    "Built for every season.",
    "Loved from day one.",
  ];
  return {
    language,
    hook: `Say hello to ${product}.`.slice(0, 60),
    lines: Array.from({ length: n }, (_, i) =>
      mode === "long-script" ? `${said[i % said.length]} `.repeat(6).trim() : said[i % said.length],
    ),
  };
}

const VIEWS = ["front", "side", "back", "top", "detail", "lifestyle"];

export function llmAnswer(prompt: string, mode: LlmMode): string {
  if (mode === "invalid-json")
    return "Sure! Here is your plan: {category: footwear, shots: [front, side";
  if (mode === "wrong-shape") return JSON.stringify({ category: "shoes", items: ["front"] });
  const wantsScript = /write the (ad's )?script/i.test(prompt);
  if (prompt.startsWith("Write the script")) return JSON.stringify(script(prompt, mode));
  const ids = [...prompt.matchAll(/- imageId "([^"]+)"/g)].map((m) => m[1]);
  if (ids.length > 0) {
    const moves = ["zoom_in", "pan_left", "orbit", "tilt_up", "zoom_out", "pan_right"];
    return JSON.stringify({
      clips: ids.map((imageId, i) => ({
        imageId,
        scenePrompt: `The product turns slowly in soft studio light, shot ${i + 1}`,
        cameraMovement: moves[i % moves.length],
        motionIntensity: 0.4 + (i % 3) * 0.1,
      })),
      ...(wantsScript ? { script: script(prompt, mode) } : {}),
    });
  }
  const n = Number(/Plan exactly (\d+) product photos/.exec(prompt)?.[1] ?? 6);
  const product = /Product description from a marketer: "([^"]*)"/.exec(prompt)?.[1] ?? "product";
  return (
    "```json\n" +
    JSON.stringify({
      category: /shoe|sneaker|boot/i.test(product) ? "footwear" : "other",
      productName:
        product
          .split(" ")
          .slice(0, 4)
          .map((w) => w[0]?.toUpperCase() + w.slice(1))
          .join(" ")
          .slice(0, 50) || "Product",
      styleKeywords: ["studio", "clean", "premium"],
      negativePrompt: "blurry, low quality, watermark, text",
      palette: ["#FF69B4", "#FFFFFF"],
      shots: Array.from({ length: n }, (_, i) => ({
        view: VIEWS[i % VIEWS.length],
        prompt: `${product}, ${VIEWS[i % VIEWS.length]} view, studio lighting, seamless backdrop`,
      })),
    }) +
    "\n```"
  );
}

/** Streams the way Llama's output does: an array of small string pieces. */
export const tokens = (text: string) => text.match(/[\s\S]{1,7}/g) ?? [];
