// How numbers read in the studio: money, sizes, durations and times, one way everywhere.

/** $0.24; tiny non-zero amounts keep their precision ($0.003) instead of reading as free. */
export function usd(amount: number | null | undefined): string {
  const n = Number(amount ?? 0);
  if (n !== 0 && Math.abs(n) < 0.01) return `$${n.toFixed(3)}`;
  return `$${n.toFixed(2)}`;
}

export function bytes(n: number | null | undefined): string {
  if (!n) return "—";
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(0)} KB`;
  return `${(n / 1024 / 1024).toFixed(1)} MB`;
}

export function seconds(n: number | null | undefined): string {
  if (n === null || n === undefined) return "—";
  return `${n.toFixed(1)} s`;
}

const rtf = new Intl.RelativeTimeFormat("en", { numeric: "auto" });
const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

/** "5 minutes ago"; now is passed in so server and client render the same text. */
export function timeAgo(iso: string | null | undefined, now: number): string {
  if (!iso) return "";
  const diff = (new Date(iso).getTime() - now) / 1000;
  for (const [unit, size] of UNITS) {
    if (Math.abs(diff) >= size) return rtf.format(Math.round(diff / size), unit);
  }
  return "just now";
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** Characters as the marketer counts them and as the API limits them (lib/characters.ts). */
export { characterCount as characters } from "@/lib/characters";
