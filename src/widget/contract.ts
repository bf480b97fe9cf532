/**
 * What the widget's server tells the widget: shared by the server routes and the browser code
 * (types only, so nothing of the server ends up in the bundle).
 */

export interface WidgetLanguage {
  /** Locale code (`sv`, `ar`, `sv-x-ll` …). */
  code: string;
  /** The language's name in its own script, for the language menu. */
  name: string;
  dir: 'ltr' | 'rtl';
}

/** GET /widget/config: the words for one language and everything else the widget needs to start. */
export interface WidgetConfig {
  locale: string;
  dir: 'ltr' | 'rtl';
  /** The widget's texts for `locale`, by dotted key (`exit.button`); Swedish where a text is missing. */
  strings: Record<string, string>;
  /** The language `strings` are in: `locale`, or Swedish while that language has no widget texts yet. */
  stringsLocale: string;
  /** The languages this server speaks, in menu order. */
  languages: WidgetLanguage[];
  /** The server's quick-exit address (an embedding may name its own https address). */
  exitUrl: string;
}
