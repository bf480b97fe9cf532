/**
 * Locales as a translator's file: one row per text, the Swedish source beside the translation, in
 * CSV that any spreadsheet opens. Importing checks what a translator can get wrong (a text left
 * empty, a {{placeholder}} renamed or dropped, a plural form missing, a key that does not exist)
 * and writes nothing unless the whole file is right.
 */
import { parseCsv, writeCsv } from '../formats/csv.js';
import { flatten, NAMESPACES, type LocaleBundle, type Namespace, type Strings } from './bundle.js';
import { checkLocale } from './parity.js';
import type { Locale } from './locales.js';

const PLURAL = /_(zero|one|two|few|many|other)$/;

export function pluralCategories(locale: string): string[] {
  const base = locale.split('-')[0]!;
  return new Intl.PluralRules(base).resolvedOptions().pluralCategories as string[];
}

/** Every key the target locale must have, in the order of the Swedish files, with the Swedish text. */
export function sourceRows(source: LocaleBundle, target: Locale): { key: string; source: string; note: string }[] {
  const rows: { key: string; source: string; note: string }[] = [];
  const categories = pluralCategories(target);
  for (const ns of NAMESPACES) {
    const strings = source.namespaces[ns];
    if (!strings) continue;
    const seenFamilies = new Set<string>();
    for (const [key, text] of flatten(strings)) {
      const base = key.replace(PLURAL, '');
      if (!PLURAL.test(key)) {
        rows.push({ key: `${ns}:${key}`, source: text, note: ns === 'match' ? 'what people may type, separated by " | "; not a sentence' : '' });
        continue;
      }
      if (seenFamilies.has(base)) continue;
      seenFamilies.add(base);
      const svOther = flatten(strings).get(`${base}_other`) ?? text;
      for (const c of categories) rows.push({ key: `${ns}:${base}_${c}`, source: svOther, note: `plural form "${c}" (${target} uses: ${categories.join(', ')}); {{count}} is the number` });
    }
  }
  return rows;
}

export function exportLocaleCsv(source: LocaleBundle, target: LocaleBundle | undefined, locale: Locale): string {
  const existing = new Map<string, string>();
  if (target) for (const ns of NAMESPACES) for (const [k, v] of flatten(target.namespaces[ns] ?? {})) existing.set(`${ns}:${k}`, v);
  const header = ['key', 'sv', locale, 'note'];
  return writeCsv([header, ...sourceRows(source, locale).map((r) => [r.key, r.source, existing.get(r.key) ?? '', r.note])]);
}

/** Each dotted key of a namespace → its path of object keys (a key may itself contain a dot: "kommun.given"). */
function keyPaths(strings: Strings, prefix: string[] = [], out = new Map<string, string[]>()): Map<string, string[]> {
  for (const [k, v] of Object.entries(strings)) {
    const path = [...prefix, k];
    if (typeof v === 'string') out.set(path.join('.'), path);
    else keyPaths(v, path, out);
  }
  return out;
}

/** Puts flat keys back into the nesting of the Swedish file (splitting at dots would break keys that contain one). */
function unflatten(flat: Map<string, string>, source: Strings): Strings {
  const paths = keyPaths(source);
  const out: Strings = {};
  for (const [key, value] of flat) {
    // A plural form Swedish does not have ("_few") sits where Swedish has "_other".
    const base = key.replace(PLURAL, '');
    const other = paths.get(`${base}_other`);
    const path = paths.get(key) ?? (other ? [...other.slice(0, -1), other.at(-1)!.replace(/_other$/, key.slice(base.length))] : key.split('.'));
    let node = out;
    for (const p of path.slice(0, -1)) node = (node[p] ??= {}) as Strings;
    node[path.at(-1)!] = value;
  }
  return out;
}

export type ImportResult = { ok: true; locale: Locale; namespaces: Partial<Record<Namespace, Strings>> } | { ok: false; problems: string[] };

/** Reads a translator's CSV back; `meta` keeps the locale's own description of itself. */
export function importLocaleCsv(text: string, source: LocaleBundle, meta: LocaleBundle['meta'], isSupported: (l: string) => l is Locale): ImportResult {
  const { rows } = parseCsv(text);
  const [header, ...body] = rows;
  const problems: string[] = [];
  if (!header || header[0] !== 'key' || header[1] !== 'sv' || !header[2]) return { ok: false, problems: ['the first row must be: key, sv, <locale>, note'] };
  const locale = header[2].trim();
  if (!isSupported(locale)) return { ok: false, problems: [`"${locale}" is not a supported locale`] };
  const expected = new Set(sourceRows(source, locale).map((r) => r.key));
  const byNs = new Map<Namespace, Map<string, string>>();
  body.forEach((cells, i) => {
    const row = i + 2;
    const [key = '', , value = ''] = cells;
    if (!expected.has(key)) {
      problems.push(`row ${row}: "${key}" is not a text of Vägvisaren (keys come from the exported file)`);
      return;
    }
    const [ns, k] = key.split(/:(.*)/s) as [Namespace, string];
    if (!byNs.has(ns)) byNs.set(ns, new Map());
    byNs.get(ns)!.set(k, value);
  });
  const namespaces: Partial<Record<Namespace, Strings>> = {};
  for (const [ns, flat] of byNs) namespaces[ns] = unflatten(flat, source.namespaces[ns] ?? {});
  // Keys, placeholders, plurals and empty texts, exactly as the tests check shipped locales.
  problems.push(...checkLocale(source, { locale, meta, namespaces }).map((p) => p.replace(`locales/${locale}/`, '')));
  return problems.length ? { ok: false, problems } : { ok: true, locale, namespaces };
}
