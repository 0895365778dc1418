// The final ad's length, by the composition's rule (lib/media/timeline.ts): clips overlap by
// the crossfade (0.5 s, at most half the shortest clip) and a 2 s end card follows.
export const CROSSFADE_SECONDS = 0.5;
export const END_CARD_SECONDS = 2;

export function finalDuration(clipSeconds: number[]): number {
  if (clipSeconds.length === 0) return 0;
  const fade = Math.min(CROSSFADE_SECONDS, Math.min(...clipSeconds) / 2);
  return (
    clipSeconds.reduce((a, b) => a + b, 0) - fade * (clipSeconds.length - 1) + END_CARD_SECONDS
  );
}
