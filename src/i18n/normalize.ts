/**
 * Text normalisation for matching what people type, in every script the chat supports.
 * "Örebro", "orebro" and "ÖREBRO!" compare equal; so do Arabic letters written with or without
 * hamza and diacritics, and Arabic-Indic digits with ASCII digits. Never used for display.
 */

const DIGITS: Record<string, string> = {};
for (let i = 0; i < 10; i++) {
  DIGITS[String.fromCharCode(0x0660 + i)] = String(i); // Arabic-Indic
  DIGITS[String.fromCharCode(0x06f0 + i)] = String(i); // Extended Arabic-Indic (Persian)
}

const LETTERS: Record<string, string> = {
  'أ': 'ا', 'إ': 'ا', 'آ': 'ا', 'ٱ': 'ا',
  'ى': 'ي', 'ی': 'ي', 'ئ': 'ي',
  'ک': 'ك',
  'ة': 'ه',
  'ؤ': 'و',
  'ı': 'i', // Turkish dotless i: tolerate either
  'ß': 'ss',
  'ø': 'o', 'æ': 'ae', // Norwegian and Danish spellings of Swedish place names
  'đ': 'd', // Bosnian/Croatian/Serbian
  'ł': 'l', // Polish
};

const MAP_RE = new RegExp(`[${Object.keys(DIGITS).join('')}${Object.keys(LETTERS).join('')}]`, 'gu');

/** Lower-case, no diacritics, no punctuation, single spaces. */
export function normalize(input: string): string {
  return input
    .normalize('NFKC')
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[\u0640\u200c\u200d]/g, '') // Arabic tatweel; zero-width (non-)joiners inside Persian words
    .replace(MAP_RE, (c) => DIGITS[c] ?? LETTERS[c] ?? c)
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

export function tokens(normalized: string): string[] {
  return normalized ? normalized.split(' ') : [];
}

/** Optimal string alignment distance (Levenshtein plus adjacent swaps), stopping early above `max`. */
export function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  const n = b.length;
  let prev2: number[] = [];
  let prev = Array.from({ length: n + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    let rowMin = i;
    for (let j = 1; j <= n; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, prev2[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    prev2 = prev;
    prev = cur;
  }
  return prev[n]!;
}

/** How many typos to forgive in a word of this length. */
export function typoAllowance(length: number): number {
  if (length >= 9) return 2;
  if (length >= 5) return 1;
  return 0;
}

const ARABIC = /\p{Script=Arabic}/u;
const ETHIOPIC = /\p{Script=Ethiopic}/u;
const CYRILLIC = /\p{Script=Cyrillic}/u;
const LATIN = /\p{Script=Latin}/u;
const LETTER = /\p{L}/u;

/** Which language a text's script suggests, for offering that language (Arabic script, Ethiopic, Cyrillic). */
export function scriptOf(text: string): 'arabic' | 'ethiopic' | 'cyrillic' | 'latin' | 'other' | 'none' {
  const counts = { arabic: 0, ethiopic: 0, cyrillic: 0, latin: 0, other: 0 };
  for (const ch of text) {
    // Most typed answers are ASCII: settle those without a Unicode property lookup.
    const code = ch.charCodeAt(0);
    if (code < 0x80) {
      if ((code | 0x20) >= 0x61 && (code | 0x20) <= 0x7a) counts.latin++;
    } else if (ARABIC.test(ch)) counts.arabic++;
    else if (ETHIOPIC.test(ch)) counts.ethiopic++;
    else if (CYRILLIC.test(ch)) counts.cyrillic++;
    else if (LATIN.test(ch)) counts.latin++;
    else if (LETTER.test(ch)) counts.other++;
  }
  let best: keyof typeof counts | 'none' = 'none';
  let max = 0;
  for (const [k, v] of Object.entries(counts) as [keyof typeof counts, number][])
    if (v > max) {
      max = v;
      best = k;
    }
  return best;
}
