/**
 * The widget's words and languages, as the server sends them: the `widget` namespace of one locale
 * (Swedish where a text is missing), and the languages this server actually has, so the menu grows
 * as translations are merged.
 */
import type { Texts } from '../i18n/bundle.js';
import { DEFAULT_LOCALE, isLocale, negotiateLocale, type Locale } from '../i18n/locales.js';
import type { WidgetConfig, WidgetLanguage } from './contract.js';

const NS = 'widget:';
/** Texts only the server uses (the demo page); the browser does not need them. */
const SERVER_ONLY = /^demo\./;

export function widgetStrings(texts: Texts, locale: Locale): Record<string, string> {
  const out: Record<string, string> = {};
  for (const nsKey of texts.keys(DEFAULT_LOCALE)) {
    if (!nsKey.startsWith(NS)) continue;
    const key = nsKey.slice(NS.length);
    if (SERVER_ONLY.test(key)) continue;
    out[key] = texts.raw(locale, nsKey) ?? texts.raw(DEFAULT_LOCALE, nsKey)!;
  }
  return out;
}

export function widgetLanguages(texts: Texts): WidgetLanguage[] {
  return texts.locales.map((code) => ({ code, name: texts.meta(code)?.nativeName ?? code, dir: texts.dir(code) }));
}

/**
 * The language to show: one asked for by name (a menu, `data-lang`, `?lang=`) when this server has
 * it, else the best of the browser's preferences that this server has, else Swedish.
 */
export function pickLocale(texts: Texts, asked: string | undefined, preferred: readonly string[]): Locale {
  const have = new Set<string>(texts.locales);
  if (asked && isLocale(asked) && have.has(asked)) return asked;
  // One tag at a time, so that a language this server does not have yet is passed over for the next.
  for (const tag of [...(asked ? [asked] : []), ...preferred]) {
    const locale = negotiateLocale([tag]);
    if (have.has(locale) && (locale !== DEFAULT_LOCALE || /^sv(-|$)/i.test(tag.trim()))) return locale;
  }
  return DEFAULT_LOCALE;
}

/** The language the widget's own words are in: the locale's, or Swedish until it has them. */
export function widgetTextsLocale(texts: Texts, locale: Locale): Locale {
  return texts.keys(locale).some((k) => k.startsWith(NS)) ? locale : DEFAULT_LOCALE;
}

export function widgetConfig(texts: Texts, locale: Locale, exitUrl: string): WidgetConfig {
  return { locale, dir: texts.dir(locale), strings: widgetStrings(texts, locale), stringsLocale: widgetTextsLocale(texts, locale), languages: widgetLanguages(texts), exitUrl };
}
