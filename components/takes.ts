// Regenerated takes (POST /api/assets/:id/regenerate) carry metadata.replaces = the asset they
// may replace. Until the marketer chooses, the grid shows the original card with the new
// take attached; once one of the two is gone, the other is an ordinary card.
import type { AssetView } from "./session-types";

export const replacesOf = (a: AssetView): string | undefined => {
  const r = (a.metadata as { replaces?: unknown }).replaces;
  return typeof r === "string" ? r : undefined;
};

export function groupTakes(assets: AssetView[]): { cards: AssetView[]; newTakeOf: Map<string, AssetView> } {
  const ids = new Set(assets.map((a) => a.id));
  const newTakeOf = new Map<string, AssetView>();
  const cards: AssetView[] = [];
  for (const a of assets) {
    const original = replacesOf(a);
    if (original && ids.has(original)) newTakeOf.set(original, a); // later rows win: the newest take
    else cards.push(a);
  }
  return { cards, newTakeOf };
}
