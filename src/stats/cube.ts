/**
 * The canonical publication of one month for one group of counters: every number the dashboard
 * can show for that month, with its mark, computed once for the whole of Sweden so that every
 * view, for every user, shows the same cell the same way (two views cannot be subtracted).
 *
 * One problem per group and month (suppression.ts), settled in slices, each fixed before the next:
 * 1. the ISO weeks of the month (week-based months, calendar.ts): conversations started in Sweden,
 *    each län and "none" — the weekly trend, never per kommun;
 * 2. Sweden, the län and "none", for all languages and for each language, with the weekday-hours
 *    per län (heat map). Equations: the catalogue's identities, Sweden = län + none, all languages
 *    = Σ languages, the month = Σ its weeks, started = Σ weekday-hours;
 * 3. the kommuner of each län (one slice per län): län = Σ its kommuner, and the identities.
 *    The län's numbers are already fixed, so a län's complements are chosen among its kommuner.
 * Kommun detail exists only by month. A range of months is not published as such: view.ts shows
 * a sum of months only when every month in it is shown, so it tells nothing the months do not.
 */
import type { Geo } from '../geo/kommuner.js';
import { LOCALES } from '../i18n/locales.js';
import type { PeriodCounts } from './aggregate.js';
import { monthKey, weekKey, weeksOfMonth } from './calendar.js';
import { group, HOUR_KEYS, type Group } from './catalogue.js';
import { NOT_GIVEN } from './counter-sink.js';
import { suppress, type Cell, type Equation, type Mark, type Problem } from './suppression.js';

export const SWEDEN = 'SE';
/** The language "dimension" value for all languages together. */
export const ALL = 'all';

export class StatsIntegrityError extends Error {}

/** What a view shows for one cell. */
export type Shown = { mark: 'shown'; value: number } | { mark: 'small' } | { mark: 'hidden' };

const HOUR_SET: ReadonlySet<string> = new Set(HOUR_KEYS);

type Level = 'sweden' | 'lan' | 'kommun' | 'none';
/**
 * Counts that are 0 by how they are counted: a person who does not name her kommun is counted
 * under "none", so no kommun (or län) has "chose not to name a kommun", and "none" has no named
 * kommun and so no unmet need. Everybody knows these zeros; they are no secret to protect.
 */
const STRUCTURAL_ZEROS: Record<Level, ReadonlySet<string>> = {
  sweden: new Set(),
  lan: new Set(['kommun.unsaid']),
  kommun: new Set(['kommun.unsaid']),
  none: new Set(['kommun.given', 'unmet', 'unmet.afterHours', '@matched', '@unmet.office']),
};
const key = (period: string, area: string, lang: string, category: string) => `${period}|${area}|${lang}|${category}`;

/** One group's publication for one month. */
export class MonthPublication {
  constructor(
    readonly group: Group,
    readonly year: number,
    readonly month: number,
    readonly weeks: readonly number[],
    private readonly problem: Problem,
    private readonly index: ReadonlyMap<string, number>,
    private readonly marks: readonly Mark[],
    readonly withheld: readonly number[],
  ) {}

  /** A cell: period "M" (the month) or "W07" (a week); area SE, a län, a kommun or "none"; lang "all" or a locale. */
  get(period: string, area: string, lang: string, category: string): Shown {
    const i = this.index.get(key(period, area, lang, category));
    if (i === undefined) return { mark: 'shown', value: 0 }; // a count nobody made
    const mark = this.marks[i]!;
    if (mark === 'shown') return { mark, value: this.problem.cells[i]!.value };
    if (mark === 'small') return { mark };
    return { mark: 'hidden' };
  }

  /** For tests: the problem and marks behind the publication. */
  internals(): { problem: Problem; marks: readonly Mark[]; index: ReadonlyMap<string, number> } {
    return { problem: this.problem, marks: this.marks, index: this.index };
  }

  /** Plain data that survives a worker's structured clone (see publish-worker.ts). */
  toData(): PublicationData {
    return { groupId: this.group.id, year: this.year, month: this.month, weeks: this.weeks, problem: this.problem, index: this.index, marks: this.marks, withheld: this.withheld };
  }

  static fromData(d: PublicationData): MonthPublication {
    return new MonthPublication(group(d.groupId), d.year, d.month, d.weeks, d.problem, d.index, d.marks, d.withheld);
  }
}

export interface PublicationData {
  groupId: Group['id'];
  year: number;
  month: number;
  weeks: readonly number[];
  problem: Problem;
  index: ReadonlyMap<string, number>;
  marks: readonly Mark[];
  withheld: readonly number[];
}

export interface MonthInput {
  group: Group;
  counts: PeriodCounts;
  year: number;
  month: number;
  geo: Geo;
  threshold: number;
}

export function publishMonth(input: MonthInput): MonthPublication {
  const { group, counts, year, month, geo, threshold } = input;
  const mk = monthKey(year, month);
  const weeks = weeksOfMonth(year, month);
  const lanCodes = geo.lan.map((l) => l.code);
  const implied = new Set(group.implied.map((i) => i.key));
  const plainCats = group.stored.filter((c) => !HOUR_SET.has(c));
  const hasHours = group.stored.some((c) => HOUR_SET.has(c));
  const hasStarted = group.stored.includes('started');
  const byKommun = counts.months[mk] ?? {};
  const kommunerOf = (lan: string) => geo.kommunerInLan(lan).map((k) => k.code);

  // ── values per area ─────────────────────────────────────────────────────────────────────────
  const add = (into: Map<string, number>, from: Record<string, number> | Map<string, number> | undefined) => {
    for (const [k, v] of from instanceof Map ? from : Object.entries(from ?? {})) into.set(k, (into.get(k) ?? 0) + v);
    return into;
  };
  const kommunValues = (k: string, lang: string) => {
    const out = new Map<string, number>();
    const stored = byKommun[k];
    if (!stored) return out;
    if (lang === ALL) return add(out, stored.all);
    return add(out, stored[lang]);
  };
  const lanValues = (lan: string, lang: string) => {
    const out = new Map<string, number>();
    for (const k of kommunerOf(lan)) add(out, kommunValues(k, lang));
    if (lang === ALL) for (const [h, v] of Object.entries(counts.hours[mk]?.[lan] ?? {})) out.set(`hour.${h}`, v);
    return out;
  };
  const swedenValues = (lang: string) => {
    const out = new Map<string, number>();
    for (const lan of lanCodes) for (const k of kommunerOf(lan)) add(out, kommunValues(k, lang));
    return add(out, kommunValues(NOT_GIVEN, lang));
  };
  /**
   * Every category of a cell group: stored, totals, implied (all languages only), hours (län only).
   * Without the ones that are 0 by construction at that level (structural zeros, see
   * STRUCTURAL_ZEROS): they get no cell, so every equation treats them as the known 0 they are.
   */
  const categories = (level: Level, lang: string): string[] => {
    const base = [...plainCats, ...group.totals.map((t) => t.parent)];
    const all = lang !== ALL ? base.filter((c) => !c.startsWith('language.')) : [...base, ...group.implied.map((i) => i.key), ...(hasHours && level === 'lan' ? HOUR_KEYS : [])];
    return all.filter((c) => !STRUCTURAL_ZEROS[level].has(c));
  };
  const complete = (raw: Map<string, number>, cats: string[]): Map<string, number> => {
    const out = new Map<string, number>();
    for (const c of cats) out.set(c, raw.get(c) ?? 0);
    for (const t of group.totals) out.set(t.parent, t.children.reduce((s, c) => s + (out.get(c) ?? 0), 0));
    for (const imp of group.implied) {
      if (!out.has(imp.key)) continue;
      const v = imp.plus.reduce((s, c) => s + (out.get(c) ?? 0), 0) - imp.minus.reduce((s, c) => s + (out.get(c) ?? 0), 0);
      if (v < 0) throw new StatsIntegrityError(`${group.id} ${mk}: ${imp.key} would be ${v}; an identity of the catalogue no longer holds`);
      out.set(imp.key, v);
    }
    return out;
  };

  // ── cells ───────────────────────────────────────────────────────────────────────────────────
  const cells: Cell[] = [];
  const index = new Map<string, number>();
  const put = (period: string, area: string, lang: string, values: Map<string, number>, slice: number) => {
    // An area with no count at all has no cells: every one of them is a shown 0.
    if (![...values.values()].some((v) => v > 0)) return;
    for (const [c, value] of values) index.set(key(period, area, lang, c), cells.push({ value, published: !implied.has(c), slice }) - 1);
  };
  let slice = 0;
  const weekAreas = [SWEDEN, NOT_GIVEN, ...lanCodes];
  if (hasStarted)
    for (const w of weeks) {
      const weekly = counts.weeks[weekKey(year, w)] ?? {};
      for (const area of weekAreas) {
        const v = area === SWEDEN ? Object.values(weekly).reduce((a, b) => a + b, 0) : (weekly[area] ?? 0);
        put(`W${w}`, area, ALL, new Map([['started', v]]), slice);
      }
      slice++;
    }
  const langs = [ALL, ...LOCALES];
  const national = slice++;
  for (const lang of langs) {
    put('M', SWEDEN, lang, complete(swedenValues(lang), categories('sweden', lang)), national);
    put('M', NOT_GIVEN, lang, complete(kommunValues(NOT_GIVEN, lang), categories('none', lang)), national);
    for (const lan of lanCodes) put('M', lan, lang, complete(lanValues(lan, lang), categories('lan', lang)), national);
  }
  const lanSlice = new Map<string, number>();
  for (const lan of lanCodes) {
    const s = slice++;
    lanSlice.set(lan, s);
    for (const k of kommunerOf(lan)) put('M', k, ALL, complete(kommunValues(k, ALL), categories('kommun', ALL)), s);
  }

  // ── equations ───────────────────────────────────────────────────────────────────────────────
  const equations: Equation[] = [];
  const cell = (period: string, area: string, lang: string, c: string) => index.get(key(period, area, lang, c));
  const addEquation = (parent: number | undefined, children: (number | undefined)[], category = false) => {
    if (parent === undefined) return; // a parent that is 0: its parts are 0 too
    equations.push({ parent, children: children.filter((c): c is number => c !== undefined), ...(category ? { category } : {}) });
  };
  const identities = (area: string, lang: string, cats: string[]) => {
    if (cell('M', area, lang, cats[0]!) === undefined) return;
    const has = new Set(cats);
    const ids = lang === ALL ? group.identities : group.totals;
    for (const id of ids) if (has.has(id.parent) && id.children.every((c) => has.has(c))) addEquation(cell('M', area, lang, id.parent), id.children.map((c) => cell('M', area, lang, c)), true);
  };
  for (const w of weeks) if (hasStarted) addEquation(cell(`W${w}`, SWEDEN, ALL, 'started'), [NOT_GIVEN, ...lanCodes].map((a) => cell(`W${w}`, a, ALL, 'started')));
  for (const lang of langs) {
    identities(SWEDEN, lang, categories('sweden', lang));
    identities(NOT_GIVEN, lang, categories('none', lang));
    for (const lan of lanCodes) identities(lan, lang, categories('lan', lang));
    for (const c of categories('sweden', lang).filter((c) => !implied.has(c))) addEquation(cell('M', SWEDEN, lang, c), [NOT_GIVEN, ...lanCodes].map((a) => cell('M', a, lang, c)));
  }
  // All languages = Σ languages (what a language shows: its stored counters and totals).
  for (const area of [SWEDEN, NOT_GIVEN, ...lanCodes])
    for (const c of categories('sweden', LOCALES[0]!)) addEquation(cell('M', area, ALL, c), LOCALES.map((l) => cell('M', area, l, c)));
  // The month = its weeks.
  if (hasStarted) for (const area of weekAreas) addEquation(cell('M', area, ALL, 'started'), weeks.map((w) => cell(`W${w}`, area, ALL, 'started')));
  for (const lan of lanCodes) {
    const kommuner = kommunerOf(lan);
    for (const k of kommuner) identities(k, ALL, categories('kommun', ALL));
    for (const c of categories('kommun', ALL).filter((c) => !implied.has(c))) addEquation(cell('M', lan, ALL, c), kommuner.map((k) => cell('M', k, ALL, c)));
  }

  // Every equation must hold on the counts: otherwise the catalogue is wrong about the flow.
  for (const e of equations) {
    const sum = e.children.reduce((s, c) => s + cells[c]!.value, 0);
    if (sum !== cells[e.parent]!.value) throw new StatsIntegrityError(`${group.id} ${mk}: a total does not add up (${cells[e.parent]!.value} ≠ ${sum})`);
  }
  const problem: Problem = { cells, equations, threshold };
  const { marks, withheld } = suppress(problem);
  return new MonthPublication(group, year, month, weeks, problem, index, marks, withheld);
}

