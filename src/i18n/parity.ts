/**
 * Checks one locale against Swedish, the source: the same keys (plural forms per the language's own
 * rules), the same {{placeholders}}, no empty texts, keyword lists that are lists. Used by the tests,
 * by `npm run i18n -- check` and by translators before they hand in a file.
 */
import { flatten, NAMESPACES, type LocaleBundle } from './bundle.js';

const PLURAL = /_(zero|one|two|few|many|other)$/;
const PLACEHOLDER = /\{\{\s*([\w.]+)\s*\}\}/g;

function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((m) => m[1]!))].sort();
}

function pluralCategories(locale: string): string[] {
  const base = locale.split('-')[0]!;
  return new Intl.PluralRules(base === 'sv' ? 'sv' : base).resolvedOptions().pluralCategories as string[];
}

/** Flat "ns:key" → text of a bundle. */
export function flatBundle(bundle: LocaleBundle): Map<string, string> {
  const out = new Map<string, string>();
  for (const ns of NAMESPACES) {
    const strings = bundle.namespaces[ns];
    if (strings) for (const [k, v] of flatten(strings)) out.set(`${ns}:${k}`, v);
  }
  return out;
}

export function checkLocale(source: LocaleBundle, target: LocaleBundle): string[] {
  const problems: string[] = [];
  const src = flatBundle(source);
  const tgt = flatBundle(target);
  const where = (key: string) => `locales/${target.locale}/${key.replace(':', '.json: ')}`;

  // Keys, with plural families compared as a whole.
  const families = (m: Map<string, string>) => {
    const f = new Map<string, string[]>();
    for (const key of m.keys()) {
      const base = key.replace(PLURAL, '');
      f.set(base, [...(f.get(base) ?? []), key]);
    }
    return f;
  };
  const srcFamilies = families(src);
  const tgtFamilies = families(tgt);
  const categories = pluralCategories(target.locale);
  for (const [base, keys] of srcFamilies) {
    const theirs = tgtFamilies.get(base);
    if (!theirs) {
      problems.push(`${where(base)} is missing`);
      continue;
    }
    if (keys.some((k) => PLURAL.test(k))) {
      const have = new Set(theirs.map((k) => k.match(PLURAL)?.[1]).filter(Boolean));
      for (const c of categories) if (!have.has(c)) problems.push(`${where(base)}_${c} is missing (${target.locale} plurals: ${categories.join(', ')})`);
    }
  }
  for (const base of tgtFamilies.keys()) if (!srcFamilies.has(base)) problems.push(`${where(base)} is not in Swedish (extra key)`);

  for (const [key, text] of tgt) {
    if (!text.trim()) {
      problems.push(`${where(key)} is empty`);
      continue;
    }
    const sourceText = src.get(key) ?? src.get(key.replace(PLURAL, '_other'));
    if (sourceText !== undefined) {
      const want = placeholders(sourceText).join(', ');
      const got = placeholders(text).join(', ');
      // A plural form may leave out {{count}} ("one contact" in words).
      const relaxed = PLURAL.test(key) ? placeholders(sourceText).filter((p) => p !== 'count').join(', ') === placeholders(text).filter((p) => p !== 'count').join(', ') : false;
      if (want !== got && !relaxed) problems.push(`${where(key)} has placeholders {${got}} but Swedish has {${want}}`);
    }
    if (key.startsWith('match:') && text.split('|').some((part) => !part.trim())) problems.push(`${where(key)} has an empty entry in its "a | b | c" list`);
  }
  return problems;
}
