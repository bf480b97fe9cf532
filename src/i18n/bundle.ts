/**
 * Loading the words. Every user-facing string lives in `locales/<locale>/<namespace>.json`; this
 * module reads them once at start, checks their shape, and serves them through i18next.
 *
 * Namespaces: chat (the conversation), match (keyword lists for typed answers, "a | b | c"),
 * directory (contact cards, opening hours), widget, admin, stats. `meta.json` records the
 * locale's name and who reviewed the translation.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type i18n as I18nInstance, type TFunction } from 'i18next';
import * as z from 'zod';
import { paths } from '../paths.js';
import { DEFAULT_LOCALE, LOCALES, direction, type Locale } from './locales.js';

export const NAMESPACES = ['chat', 'match', 'directory', 'widget', 'admin', 'stats'] as const;
export type Namespace = (typeof NAMESPACES)[number];

export type Strings = { [key: string]: string | Strings };
const StringsSchema: z.ZodType<Strings> = z.lazy(() => z.record(z.string(), z.union([z.string(), StringsSchema])));

export const LocaleMeta = z.strictObject({
  /** The language's name in its own script, for the language menu. */
  nativeName: z.string().min(1),
  /** The name in English, for staff. */
  englishName: z.string().min(1),
  /** drafted: written or machine-assisted, awaiting review; reviewed: checked by a named reviewer. */
  status: z.enum(['source', 'drafted', 'reviewed']),
  reviewedBy: z.string().optional(),
  reviewedOn: z.iso.date().optional(),
  notes: z.string().optional(),
});
export type LocaleMeta = z.infer<typeof LocaleMeta>;

export interface LocaleBundle {
  locale: Locale;
  meta: LocaleMeta;
  namespaces: Partial<Record<Namespace, Strings>>;
}

export class LocaleLoadError extends Error {}

function readJson(file: string): unknown {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new LocaleLoadError(`${file}: not valid JSON (${(e as Error).message})`);
  }
}

/**
 * Reads every shipped locale: each folder of `locales/` named after a supported locale. Swedish
 * must be there. Fails with a message naming the file when one is malformed.
 */
export function loadLocaleBundles(dir = paths.locales, only?: readonly Locale[]): LocaleBundle[] {
  if (!only) {
    for (const name of existsSync(dir) ? readdirSync(dir) : [])
      if (!(LOCALES as readonly string[]).includes(name) && !name.startsWith('.') && !name.endsWith('.md'))
        throw new LocaleLoadError(`${join(dir, name)}: "${name}" is not a supported locale (${LOCALES.join(', ')})`);
    if (!existsSync(join(dir, DEFAULT_LOCALE))) throw new LocaleLoadError(`${dir}: the default locale ${DEFAULT_LOCALE} is missing`);
  }
  const present = (only ?? LOCALES.filter((l) => existsSync(join(dir, l)))) as Locale[];
  return present.map((locale) => {
    const folder = join(dir, locale);
    if (!existsSync(folder)) throw new LocaleLoadError(`${folder}: the locale ${locale} has no folder`);
    const metaFile = join(folder, 'meta.json');
    const meta = LocaleMeta.safeParse(readJson(metaFile));
    if (!meta.success) throw new LocaleLoadError(`${metaFile}: ${z.prettifyError(meta.error)}`);
    const namespaces: Partial<Record<Namespace, Strings>> = {};
    for (const file of readdirSync(folder)) {
      if (file === 'meta.json' || !file.endsWith('.json')) continue;
      const ns = file.slice(0, -5);
      if (!(NAMESPACES as readonly string[]).includes(ns)) throw new LocaleLoadError(`${join(folder, file)}: unknown namespace "${ns}"`);
      const parsed = StringsSchema.safeParse(readJson(join(folder, file)));
      if (!parsed.success) throw new LocaleLoadError(`${join(folder, file)}: every value must be a text or a group of texts (${z.prettifyError(parsed.error)})`);
      namespaces[ns as Namespace] = parsed.data;
    }
    return { locale, meta: meta.data, namespaces };
  });
}

/** Flattens nested strings to dotted keys: { a: { b: "x" } } → { "a.b": "x" }. */
export function flatten(strings: Strings, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(strings)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (typeof v === 'string') out.set(key, v);
    else for (const [kk, vv] of flatten(v, key)) out.set(kk, vv);
  }
  return out;
}

const PLURAL_SUFFIX = /_(zero|one|two|few|many|other)$/;

/**
 * The words of every locale, with i18next for interpolation and plurals. One instance per
 * process; `t(locale)` returns a translator fixed to a language, so turns never share state.
 */
export class Texts {
  readonly bundles: ReadonlyMap<Locale, LocaleBundle>;
  readonly #i18n: I18nInstance;
  readonly #flat = new Map<Locale, Map<string, string>>();
  readonly #fixed = new Map<Locale, TFunction>();

  constructor(bundles: readonly LocaleBundle[]) {
    this.bundles = new Map(bundles.map((b) => [b.locale, b]));
    this.#i18n = i18next.createInstance();
    void this.#i18n.init({
      resources: Object.fromEntries(bundles.map((b) => [b.locale, b.namespaces])),
      ns: [...NAMESPACES],
      defaultNS: 'chat',
      fallbackLng: DEFAULT_LOCALE,
      supportedLngs: bundles.map((b) => b.locale),
      // Plain text everywhere: the widget sets textContent and the admin escapes its own HTML.
      interpolation: { escapeValue: false },
      returnNull: false,
      initAsync: false,
      showSupportNotice: false,
    } as Parameters<I18nInstance['init']>[0]);
    for (const b of bundles) {
      const flat = new Map<string, string>();
      for (const [ns, strings] of Object.entries(b.namespaces)) for (const [k, v] of flatten(strings)) flat.set(`${ns}:${k}`, v);
      this.#flat.set(b.locale, flat);
    }
  }

  /**
   * A translator for one locale. Keys without a namespace are looked up in `chat`.
   *
   * Every turn renders a dozen texts, so this is on the hot path: a text without plural forms is
   * resolved through i18next once (fallback to Swedish included) and cached, and its {{placeholders}}
   * are filled in directly. Plurals, nesting and anything unusual still go through i18next.
   */
  t(locale: Locale): TFunction {
    let fixed = this.#fixed.get(locale);
    if (!fixed) {
      const slow = this.#i18n.getFixedT(locale);
      const cache = new Map<string, string | null>();
      const fast = (key: string | string[], options?: Record<string, unknown>): string => {
        if (typeof key !== 'string' || (options && ('count' in options || 'context' in options || 'lng' in options || 'returnObjects' in options))) return slow(key as string, options as never) as unknown as string;
        let template = cache.get(key);
        if (template === undefined) {
          const resolved = slow(key) as unknown;
          // Only plain texts are cached; nesting ($t) and missing keys keep going through i18next.
          template = typeof resolved === 'string' && resolved !== key && !resolved.includes('$t(') ? resolved : null;
          cache.set(key, template);
        }
        if (template === null) return slow(key, options as never) as unknown as string;
        if (!options || !template.includes('{{')) return template;
        return template.replace(/\{\{\s*([\w.]+)\s*\}\}/g, (whole, name: string) => {
          const value = options[name];
          return value === undefined || value === null ? whole : String(value);
        });
      };
      fixed = fast as unknown as TFunction;
      this.#fixed.set(locale, fixed);
    }
    return fixed;
  }

  /** Whether the locale itself has the key (no fallback), counting plural forms. "ns:key". */
  has(locale: Locale, nsKey: string): boolean {
    const flat = this.#flat.get(locale);
    if (!flat) return false;
    if (flat.has(nsKey)) return true;
    return [...flat.keys()].some((k) => PLURAL_SUFFIX.test(k) && k.replace(PLURAL_SUFFIX, '') === nsKey);
  }

  /** The raw string of a key in one locale, without fallback. */
  raw(locale: Locale, nsKey: string): string | undefined {
    return this.#flat.get(locale)?.get(nsKey);
  }

  /** All keys of a locale ("ns:key"). */
  keys(locale: Locale): string[] {
    return [...(this.#flat.get(locale)?.keys() ?? [])];
  }

  /** A keyword list ("ja | japp | jo") as its entries; falls back to Swedish when the locale lacks it. */
  list(locale: Locale, nsKey: string): string[] {
    const value = this.raw(locale, nsKey) ?? this.raw(DEFAULT_LOCALE, nsKey) ?? '';
    return value
      .split('|')
      .map((s) => s.trim())
      .filter(Boolean);
  }

  meta(locale: Locale): LocaleMeta | undefined {
    return this.bundles.get(locale)?.meta;
  }

  dir(locale: Locale): 'rtl' | 'ltr' {
    return direction(locale);
  }

  get locales(): Locale[] {
    return [...this.bundles.keys()];
  }
}
