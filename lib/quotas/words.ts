// How quota numbers read, for the refusals and the studio's Usage panel alike (pure: no
// server code, so client components may import it too).

/** 850 MB, 10 GB: storage as a marketer reads it. */
export function storageSize(bytes: number): string {
  const mb = bytes / 1024 / 1024;
  if (mb < 1024) return `${mb < 10 ? mb.toFixed(1) : Math.round(mb)} MB`;
  const gb = mb / 1024;
  return `${gb < 10 ? Number(gb.toFixed(1)) : Math.round(gb)} GB`;
}

/** "in 12 minutes", "in 40 seconds". */
export function inWords(seconds: number): string {
  if (seconds < 60) {
    const s = Math.max(1, Math.ceil(seconds));
    return `in ${s} second${s === 1 ? "" : "s"}`;
  }
  const m = Math.ceil(seconds / 60);
  return `in ${m} minute${m === 1 ? "" : "s"}`;
}
