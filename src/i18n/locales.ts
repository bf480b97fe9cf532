/**
 * The languages Vägvisaren speaks. Swedish is the default and the fallback for every missing text.
 * `sv-x-ll` is easy-to-read Swedish (lättläst): a valid BCP 47 private-use tag, so browsers and
 * screen readers still treat it as Swedish.
 */
export const LOCALES = [
  'sv',
  'en',
  'ar',
  'fa',
  'so',
  'ti',
  'fi',
  'pl',
  'uk',
  'tr',
  'bs',
  'es',
  'sv-x-ll',
] as const;
export type Locale = (typeof LOCALES)[number];
export const DEFAULT_LOCALE: Locale = 'sv';

const RTL: ReadonlySet<string> = new Set(['ar', 'fa']);
export function direction(locale: string): 'rtl' | 'ltr' {
  return RTL.has(locale) ? 'rtl' : 'ltr';
}

export function isLocale(value: unknown): value is Locale {
  return typeof value === 'string' && (LOCALES as readonly string[]).includes(value);
}

/**
 * Picks the best supported locale for a list of language tags in order of preference
 * (e.g. the browser's `navigator.languages` or an Accept-Language header already split).
 * `sv-SE` gives `sv`; `sv-x-ll` is only chosen when asked for exactly; `hr` and `sr` give `bs`,
 * since one Bosnian/Croatian/Serbian text serves all three.
 */
export function negotiateLocale(preferred: readonly string[] | undefined): Locale {
  for (const raw of preferred ?? []) {
    const tag = raw.trim().toLowerCase();
    if (!tag) continue;
    if (tag === 'sv-x-ll') return 'sv-x-ll';
    const primary = tag.split('-')[0] ?? '';
    const mapped = ALIASES[primary] ?? primary;
    if (isLocale(mapped) && mapped !== 'sv-x-ll') return mapped;
  }
  return DEFAULT_LOCALE;
}

const ALIASES: Record<string, Locale> = {
  hr: 'bs',
  sr: 'bs',
  sh: 'bs',
  cnr: 'bs',
  prs: 'fa', // Dari
  pes: 'fa',
};
