"use client";

import { useRef, useState } from "react";

/**
 * A short audio preview behind one button: `toggle(src)` plays it or stops it, `stop()` stops
 * it (the choice changed), and `audioProps` go on the page's `<audio>` element.
 */
export function useAudioPreview() {
  const audio = useRef<HTMLAudioElement>(null);
  const [playing, setPlaying] = useState(false);
  const toggle = (src: string) => {
    const el = audio.current;
    if (!el) return;
    if (playing) return el.pause();
    el.src = src;
    void el.play().catch(() => setPlaying(false));
  };
  const stop = () => audio.current?.pause();
  const audioProps = {
    ref: audio,
    onPlay: () => setPlaying(true),
    onPause: () => setPlaying(false),
    onEnded: () => setPlaying(false),
    preload: "none" as const,
  };
  return { playing, toggle, stop, audioProps };
}
