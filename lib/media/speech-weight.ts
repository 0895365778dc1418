// How long a written word takes to say, in rough syllables: the aligner shares the voiced
// time out by it, and captions without a voice use it for a reading-speed schedule.
// Numbers and symbols count as spoken ("20%" is "twenty percent", four syllables).

const ONES = [
  "zero",
  "one",
  "two",
  "three",
  "four",
  "five",
  "six",
  "seven",
  "eight",
  "nine",
  "ten",
  "eleven",
  "twelve",
  "thirteen",
  "fourteen",
  "fifteen",
  "sixteen",
  "seventeen",
  "eighteen",
  "nineteen",
];
const TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

/** English words for a whole number below a billion (enough for prices and percentages). */
export function numberWords(n: number): string {
  if (n < 20) return ONES[n];
  if (n < 100) return `${TENS[Math.floor(n / 10)]}${n % 10 ? ` ${ONES[n % 10]}` : ""}`;
  if (n < 1000)
    return `${ONES[Math.floor(n / 100)]} hundred${n % 100 ? ` ${numberWords(n % 100)}` : ""}`;
  if (n < 1_000_000)
    return `${numberWords(Math.floor(n / 1000))} thousand${n % 1000 ? ` ${numberWords(n % 1000)}` : ""}`;
  if (n < 1_000_000_000)
    return `${numberWords(Math.floor(n / 1_000_000))} million${n % 1_000_000 ? ` ${numberWords(n % 1_000_000)}` : ""}`;
  return String(n)
    .split("")
    .map((d) => ONES[Number(d)])
    .join(" ");
}

const SYMBOLS: Record<string, string> = {
  "%": " percent",
  $: " dollars",
  "€": " euros",
  "£": " pounds",
  "&": " and ",
  "+": " plus ",
  "@": " at ",
  "#": " number ",
};

/** A token as an English speaker would say it: numbers and symbols in words. */
export function spokenForm(token: string): string {
  return token
    .replace(/\d[\d,]*(\.\d+)?/g, (m) => {
      const [whole, frac] = m.replace(/,/g, "").split(".");
      const n = Number(whole);
      const said = Number.isSafeInteger(n) ? numberWords(n) : whole;
      return ` ${said}${
        frac
          ? ` point ${frac
              .split("")
              .map((d) => ONES[Number(d)])
              .join(" ")}`
          : ""
      } `;
    })
    .replace(/[%$€£&+@#]/g, (s) => SYMBOLS[s] ?? " ");
}

/** Syllables of one Latin-script word: vowel groups, a silent final "e" not counted. */
function latinSyllables(word: string): number {
  const w = word.toLowerCase().replace(/[^a-zà-ÿ]/g, "");
  if (!w) return 0;
  const groups = w.match(/[aeiouyà-ÿ]+/g)?.length ?? 0;
  const silentE = w.length > 2 && /[^aeiouy]e$/.test(w) && !/le$/.test(w) ? 1 : 0;
  return Math.max(1, groups - silentE);
}

// Scripts written without vowel letters per syllable: Han, kana, Hangul count one per
// character; Arabic, Hebrew and others about one per two letters.
const SYLLABIC = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/gu;

/** Roughly how many syllables it takes to say the token; 0 for one that is not spoken (emoji, a dash). */
export function syllableWeight(token: string): number {
  const syllabic = token.match(SYLLABIC)?.length ?? 0;
  const rest = token.replace(SYLLABIC, " ");
  const spoken = spokenForm(rest);
  let total = syllabic;
  for (const word of spoken.split(/[^\p{L}\p{M}']+/u)) {
    if (!word) continue;
    if (/[a-zà-ÿ]/i.test(word)) total += latinSyllables(word);
    else total += Math.max(1, Math.round(word.replace(/\p{M}/gu, "").length / 2));
  }
  return total;
}

/** Roughly how many sounds (phones) an English word has: letters less digraphs, doubles and a silent "e". */
function latinPhones(word: string): number {
  const w = word.toLowerCase().replace(/[^a-zà-ÿ]/g, "");
  if (!w) return 0;
  const digraphs =
    w.match(/th|sh|ch|ck|ng|ph|wh|gh|qu|ee|oo|ea|ai|oa|ou|ay|ey|oy|ow|aw|ie/g)?.length ?? 0;
  const doubles = w.match(/([a-z])\1/g)?.length ?? 0;
  const silentE = w.length > 2 && /[^aeiouy]e$/.test(w) ? 1 : 0;
  return Math.max(1, w.length - digraphs - doubles - silentE);
}

/** Roughly how long the token takes to say, in units of about one syllable; 0 when not spoken. */
export function durationWeight(token: string): number {
  const syllabic = token.match(SYLLABIC)?.length ?? 0;
  const spoken = spokenForm(token.replace(SYLLABIC, " "));
  let total = syllabic;
  for (const word of spoken.split(/[^\p{L}\p{M}']+/u)) {
    if (!word) continue;
    if (/[a-zà-ÿ]/i.test(word)) total += 0.5 * latinSyllables(word) + 0.22 * latinPhones(word);
    else total += Math.max(1, Math.round(word.replace(/\p{M}/gu, "").length / 2));
  }
  return total;
}

/** True when the token ends a phrase, where a speaker pauses. */
export const endsPhrase = (token: string) => /[.,;:!?…،。、，！？]["'’”)]*$/u.test(token);
