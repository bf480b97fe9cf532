/**
 * What one dashboard view shows: the filters a user may choose (within their scope, enforced
 * here), and every number of every table, taken from the canonical monthly publications. A range
 * of months is a sum shown only when every month in it is shown ("..", hidden, otherwise), so a
 * range never tells more than its months do. Kommun detail only by month; the weekly trend and
 * the heat map only at län level and above. The HTML and the CSV are both made from this.
 */
import type { StatsAccess } from '../admin/index.js';
import type { Geo } from '../geo/kommuner.js';
import { LOCALES, type Locale } from '../i18n/locales.js';
import { weekKey } from './calendar.js';
import { FLOW, HOUR_KEYS, KIND_KEYS, LANGUAGE_KEYS, NEED_KEYS, SITUATION_KEYS, WHO_KEYS, type Group } from './catalogue.js';
import { ALL, SWEDEN, type Shown } from './cube.js';
import type { Publications } from './publications.js';

export type { StatsAccess } from '../admin/index.js';

export type Area = { level: 'sweden'; code: typeof SWEDEN } | { level: 'lan'; code: string } | { level: 'kommun'; code: string; lan: string };

/** The areas a user may see, in menu order. */
export function allowedAreas(access: StatsAccess, geo: Geo): Area[] {
  const lanArea = (code: string): Area => ({ level: 'lan', code });
  const kommunArea = (code: string): Area => ({ level: 'kommun', code, lan: geo.lanOf(code)!.code });
  if ('all' in access.scope) return [{ level: 'sweden', code: SWEDEN }, ...geo.lan.flatMap((l) => [lanArea(l.code), ...geo.kommunerInLan(l.code).map((k) => kommunArea(k.code))])];
  const out: Area[] = [];
  const seen = new Set<string>();
  for (const lan of access.scope.lan)
    if (geo.lanByCode(lan)) {
      out.push(lanArea(lan));
      for (const k of geo.kommunerInLan(lan)) if (!seen.has(k.code)) seen.add(k.code), out.push(kommunArea(k.code));
    }
  for (const k of access.scope.kommuner) if (geo.kommun(k) && !seen.has(k)) seen.add(k), out.push(kommunArea(k));
  return out;
}

export interface Query {
  from?: string | undefined;
  to?: string | undefined;
  area?: string | undefined;
  lang?: string | undefined;
}

export type Value = Shown;
export interface Row {
  key: string;
  value: Value;
}
export interface Table {
  id: 'flow' | 'exits' | 'who' | 'situation' | 'need' | 'kinds' | 'languages' | 'trend' | 'hours' | 'unmet';
  rows: Row[];
}
export interface UnmetRow {
  kommun: string;
  given: Value;
  unmet: Value;
  afterHours: Value;
}

export interface View {
  areas: Area[];
  months: string[];
  area: Area;
  from: string;
  to: string;
  lang: Locale | typeof ALL;
  /** The range was narrowed to one month because a kommun is shown. */
  narrowed: boolean;
  /** The language filter does not apply to a kommun (only to län and Sweden). */
  langIgnored: boolean;
  tables: Table[];
  unmet: UnmetRow[];
}

export class OutOfScopeError extends Error {}

const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** Adds published values: a sum is shown only when each part is. */
function sum(values: Value[]): Value {
  if (values.length === 1) return values[0]!;
  let total = 0;
  for (const v of values) {
    if (v.mark !== 'shown') return { mark: 'hidden' };
    total += v.value;
  }
  return { mark: 'shown', value: total };
}

/** The months a request shows (after the scope check), so that they can be prepared first. */
export function monthsShown(access: StatsAccess, query: Query, deps: { geo: Geo; publications: Publications }): string[] {
  const view = select(access, query, deps);
  return 'empty' in view ? [] : view.range;
}

export function buildView(access: StatsAccess, query: Query, deps: { geo: Geo; publications: Publications }): View | { empty: true; areas: Area[] } {
  const { geo, publications } = deps;
  const selected = select(access, query, deps);
  if ('empty' in selected) return { empty: true, areas: selected.areas };
  const { areas, months, area, from, to, lang, narrowed, langIgnored, cellLang, range } = selected;

  const value = (groupId: Group['id'], category: string, at: string = area.code, inLang: string = cellLang): Value => sum(range.map((m) => publications.month(groupId, m).get('M', at, inLang, category)));
  const rows = (groupId: Group['id'], keys: readonly string[]) => keys.map((key) => ({ key, value: value(groupId, key) }));
  const tables: Table[] = [
    { id: 'flow', rows: rows('flow', FLOW.filter((k) => k !== 'exit' && k !== 'completed')) },
    { id: 'exits', rows: rows('flow', ['started', 'completed', 'exit']) },
    { id: 'who', rows: rows('who', ['who', ...WHO_KEYS]) },
    { id: 'situation', rows: rows('situation', ['situation', ...SITUATION_KEYS]) },
    { id: 'need', rows: rows('need', ['need', ...NEED_KEYS]) },
    { id: 'kinds', rows: [...rows('flow', ['contacts']), ...rows('kinds', KIND_KEYS)] },
  ];
  if (cellLang === ALL) tables.push({ id: 'languages', rows: rows('flow', ['started', ...LANGUAGE_KEYS]) });
  if (area.level !== 'kommun' && cellLang === ALL) {
    const trend: Row[] = [];
    for (const m of range) {
      const p = publications.month('flow', m);
      for (const w of p.weeks) trend.push({ key: weekKey(p.year, w), value: p.get(`W${w}`, area.code, ALL, 'started') });
    }
    tables.push({ id: 'trend', rows: trend });
  }
  if (area.level === 'lan' && cellLang === ALL) tables.push({ id: 'hours', rows: rows('flow', HOUR_KEYS) });

  // Unmet need per kommun: the kommuner of a län (or the kommun itself), one month only.
  const unmetKommuner = from !== to ? [] : area.level === 'lan' ? geo.kommunerInLan(area.code).map((k) => k.code) : area.level === 'kommun' ? [area.code] : [];
  const unmet = unmetKommuner.map((k) => ({ kommun: k, given: value('flow', 'kommun.given', k, ALL), unmet: value('flow', 'unmet', k, ALL), afterHours: value('flow', 'unmet.afterHours', k, ALL) }));
  return { areas, months, area, from, to, lang, narrowed, langIgnored, tables, unmet };
}

/** Area, period and language of a request, within the user's scope. */
function select(access: StatsAccess, query: Query, deps: { geo: Geo; publications: Publications }) {
  const areas = allowedAreas(access, deps.geo);
  const months = deps.publications.closedMonths();
  if (!areas.length || !months.length) return { empty: true as const, areas };
  return selectWithin(areas, months, query);
}

function selectWithin(areas: Area[], months: string[], query: Query) {
  let area = areas[0]!;
  if (query.area !== undefined) {
    const wanted = areas.find((a) => a.code === query.area);
    // Asking for an area outside one's scope is refused, not quietly replaced.
    if (!wanted) throw new OutOfScopeError(query.area);
    area = wanted;
  }
  let to = query.to && MONTH.test(query.to) && months.includes(query.to) ? query.to : months.at(-1)!;
  let from = query.from && MONTH.test(query.from) && months.includes(query.from) ? query.from : to;
  if (from > to) [from, to] = [to, from];
  let narrowed = false;
  if (area.level === 'kommun' && from !== to) {
    from = to;
    narrowed = true;
  }
  const lang: Locale | typeof ALL = query.lang && (LOCALES as readonly string[]).includes(query.lang) ? (query.lang as Locale) : ALL;
  const langIgnored = area.level === 'kommun' && lang !== ALL;
  const cellLang = langIgnored ? ALL : lang;
  const range = months.filter((m) => m >= from && m <= to);

  return { areas, months, area, from, to, lang, narrowed, langIgnored, cellLang, range };
}
