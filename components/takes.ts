// How a mood board lays out its assets. Regenerated takes (POST /api/assets/:id/regenerate)
// carry metadata.replaces = the asset they may replace: until the marketer chooses, the grid
// shows the original card with the new take attached. Choosing sets the other take aside
// (POST /api/assets/:id/reject, status `rejected`); set-aside assets leave the grid for the
// "Set aside" group, from where they can be restored, and the remaining take is an
// ordinary card.
import type { AssetView } from "./session-types";

export const replacesOf = (a: AssetView): string | undefined => a.metadata.replaces;

export const isSetAside = (a: AssetView) => a.status === "rejected";

export function groupTakes(assets: AssetView[]): {
  cards: AssetView[];
  newTakeOf: Map<string, AssetView>;
  setAside: AssetView[];
} {
  const live = assets.filter((a) => !isSetAside(a));
  const ids = new Set(live.map((a) => a.id));
  const newTakeOf = new Map<string, AssetView>();
  const cards: AssetView[] = [];
  for (const a of live) {
    const original = replacesOf(a);
    if (original && ids.has(original))
      newTakeOf.set(original, a); // later rows win: the newest take
    else cards.push(a);
  }
  return { cards, newTakeOf, setAside: assets.filter(isSetAside) };
}
