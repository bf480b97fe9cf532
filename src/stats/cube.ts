/**
 * The canonical publication: every number the dashboard can ever show for one ISO year and one
 * group of counters, with its mark ("<5", "..", shown), computed once over the whole of Sweden so
 * that every view, for every user, shows the same cell the same way.
 *
 * Dimensions:
 * - area:   Sweden ⊃ län ⊃ kommun, and Sweden ⊃ "-" (kommun not given);
 * - time:   weeks (not for kommuner), months of whole weeks, and the year so far after each month
 *           (Y:m = Y:m−1 + M:m), only for periods that are over (calendar.ts);
 * - category: the group's counters, its totals and implied differences (catalogue.ts); the
 *           weekday-hours of starts only for län, by month and for a whole year.
 * Equations: each total over its parts along every dimension, and the catalogue's identities.
 * Slices are the periods in the order they end, so a period's marks never change later
 * (suppression.ts, "Time consistency").
 */
import type { Geo } from '../geo/kommuner.js';
import type { PeriodCounts } from './aggregate.js';
import { isOver, monthDates, monthKey, monthOfWeek, weekDates, weekKey, weeksInYear } from './calendar.js';
import { HOUR_KEYS, type Group } from './catalogue.js';
import { NOT_GIVEN } from './counter-sink.js';
import { suppress, type Cell, type Equation, type Mark, type Problem } from './suppression.js';

export const SWEDEN = 'SE';

/** A period: W:07 (ISO week 7), M:03 (month 3), Y:03 (the year up to and including month 3). */
export type Period = `${'W' | 'M' | 'Y'}:${string}`;
export const week = (w: number): Period => `W:${String(w).padStart(2, '0')}`;
export const month = (m: number): Period => `M:${String(m).padStart(2, '0')}`;
export const yearTo = (m: number): Period => (m === 1 ? month(1) : `Y:${String(m).padStart(2, '0')}`);

export type AreaLevel = 'sweden' | 'lan' | 'kommun' | 'unknown';

export class StatsIntegrityError extends Error {}

/** What a view shows for one cell. `none`: not published (the period is not over, or no such cell). */
export type Shown = { mark: 'shown'; value: number } | { mark: 'small' } | { mark: 'hidden' } | { mark: 'withheld' } | { mark: 'none' };

export interface YearCalendar {
  year: number;
  /** Periods that are over, in the order they ended. */
  periods: Period[];
  /** Weeks and months that are over. */
  weeks: number[];
  months: number[];
}

/** The periods of a year that are over at `now`. */
export function closedCalendar(year: number, now: Date, graceMs: number): YearCalendar {
  const periods: Period[] = [];
  const weeks: number[] = [];
  const months: number[] = [];
  for (let w = 1, n = weeksInYear(year); w <= n; w++) {
    if (!isOver(weekDates(year, w).last, now, graceMs)) break;
    periods.push(week(w));
    weeks.push(w);
    const m = monthOfWeek(year, w);
    if (monthOfWeek(year, w + 1) !== m || w === n) {
      periods.push(month(m));
      months.push(m);
      if (m > 1) periods.push(yearTo(m));
    }
  }
  return { year, periods, weeks, months };
}

export function periodDates(year: number, period: Period): { first: string; last: string } {
  const n = Number(period.slice(2));
  if (period.startsWith('W')) return weekDates(year, n);
  if (period.startsWith('M')) return monthDates(year, n);
  return { first: monthDates(year, 1).first, last: monthDates(year, n).last };
}

/** One group's publication for one year. */
export class Publication {
  readonly #index: Map<string, number>;
  constructor(
    readonly group: Group,
    readonly calendar: YearCalendar,
    private readonly problem: Problem,
    index: Map<string, number>,
    private readonly marks: readonly Mark[],
    readonly withheld: readonly number[],
    readonly unprotectable: readonly number[],
  ) {
    this.#index = index;
  }

  get(period: Period, area: string, category: string): Shown {
    if (!this.calendar.periods.includes(period)) return { mark: 'none' };
    const i = this.#index.get(key(period, area, category));
    if (i === undefined) return { mark: 'shown', value: 0 }; // a count nobody made
    const mark = this.marks[i]!;
    if (mark === 'shown') return { mark, value: this.problem.cells[i]!.value };
    if (mark === 'implied') return { mark: 'none' };
    return { mark };
  }

  /** For tests and the auditor: the problem and marks behind the publication. */
  internals(): { problem: Problem; marks: readonly Mark[]; index: ReadonlyMap<string, number> } {
    return { problem: this.problem, marks: this.marks, index: this.#index };
  }
}

const key = (period: Period, area: string, category: string) => `${period}|${area}|${category}`;

const HOUR_SET: ReadonlySet<string> = new Set(HOUR_KEYS);

export interface CubeInput {
  group: Group;
  counts: PeriodCounts;
  calendar: YearCalendar;
  geo: Geo;
  threshold: number;
}

/** Builds the cells and equations of one group and year, and settles their marks. */
export function publish(input: CubeInput): Publication {
  const { group, counts, calendar, geo, threshold } = input;
  const { year } = calendar;
  const storedCats = group.stored.filter((c) => !HOUR_SET.has(c));
  const hasHours = group.stored.some((c) => HOUR_SET.has(c));
  const levelOf = (area: string): AreaLevel => (area === SWEDEN ? 'sweden' : area === NOT_GIVEN ? 'unknown' : area.length === 2 ? 'lan' : 'kommun');

  /** The categories a cell may have at an area and period. */
  const categoriesAt = (area: string, period: Period): string[] => {
    const level = levelOf(area);
    if (period.startsWith('W')) return level === 'kommun' || !group.stored.includes('started') ? [] : ['started'];
    const base = [...storedCats, ...group.totals.map((t) => t.parent), ...group.implied.map((i) => i.key)];
    const hours = hasHours && level === 'lan' && (period.startsWith('M') || period === 'Y:12');
    return hours ? [...base, ...HOUR_KEYS] : base;
  };

  // ── values ──────────────────────────────────────────────────────────────────────────────────
  const kommunerOf = (lan: string) => geo.kommunerInLan(lan).map((k) => k.code);
  const lanCodes = geo.lan.map((l) => l.code);
  /** Kommuner (and "-") with counts this year. */
  const leaves = new Set<string>();
  for (const [k, areas] of Object.entries(counts.months)) if (k.startsWith(`${year}-`)) for (const a of Object.keys(areas)) leaves.add(a);
  const stored = new Set(storedCats);
  const memo = new Map<string, Map<string, number>>();
  const sum = (maps: Map<string, number>[]) => {
    const out = new Map<string, number>();
    for (const m of maps) for (const [k, v] of m) out.set(k, (out.get(k) ?? 0) + v);
    return out;
  };
  /** The stored counters (and hours) of an area in a month or the year so far. */
  const storedAt = (area: string, period: Period): Map<string, number> => {
    const id = key(period, area, '');
    let out = memo.get(id);
    if (out) return out;
    const n = Number(period.slice(2));
    if (period.startsWith('Y')) out = sum([storedAt(area, yearTo(n - 1)), storedAt(area, month(n))]);
    else if (area === SWEDEN) out = sum([...lanCodes, NOT_GIVEN].map((a) => storedAt(a, period)));
    else if (levelOf(area) === 'lan') {
      out = sum(kommunerOf(area).filter((k) => leaves.has(k)).map((k) => storedAt(k, period)));
      for (const [h, v] of Object.entries(counts.hours[monthKey(year, n)]?.[area] ?? {})) out.set(`hour.${h}`, v);
    } else out = new Map(Object.entries(counts.months[monthKey(year, n)]?.[area] ?? {}).filter(([k]) => stored.has(k)));
    memo.set(id, out);
    return out;
  };

  /** Every category of an area in a period: stored, totals, implied, hours. */
  const valuesAt = (area: string, period: Period): Map<string, number> => {
    if (period.startsWith('W')) {
      const w = counts.weeks[weekKey(year, Number(period.slice(2)))] ?? {};
      return new Map([['started', area === SWEDEN ? Object.values(w).reduce((a, b) => a + b, 0) : (w[area] ?? 0)]]);
    }
    const base = storedAt(area, period);
    const out = new Map<string, number>();
    for (const c of categoriesAt(area, period)) out.set(c, base.get(c) ?? 0);
    for (const t of group.totals) out.set(t.parent, t.children.reduce((s, c) => s + (out.get(c) ?? 0), 0));
    for (const imp of group.implied) {
      const v = imp.plus.reduce((s, c) => s + (out.get(c) ?? 0), 0) - imp.minus.reduce((s, c) => s + (out.get(c) ?? 0), 0);
      if (v < 0) throw new StatsIntegrityError(`${group.id} ${year} ${period} ${area}: ${imp.key} would be ${v}; an identity of the catalogue no longer holds`);
      out.set(imp.key, v);
    }
    return out;
  };

  // ── cells ───────────────────────────────────────────────────────────────────────────────────
  const cells: Cell[] = [];
  const index = new Map<string, number>();
  const implied = new Set(group.implied.map((i) => i.key));
  const kommunLeaves = [...leaves].filter((a) => a !== NOT_GIVEN).sort();
  const areasFor = (period: Period): string[] => [SWEDEN, NOT_GIVEN, ...lanCodes, ...(period.startsWith('W') ? [] : kommunLeaves)];
  calendar.periods.forEach((period, slice) => {
    for (const area of areasFor(period)) {
      const cats = categoriesAt(area, period);
      if (!cats.length) continue;
      const values = valuesAt(area, period);
      // An area with no count at all in this period has no cells: every one of them is a shown 0.
      if (![...values.values()].some((v) => v > 0)) continue;
      for (const c of cats) index.set(key(period, area, c), cells.push({ value: values.get(c) ?? 0, published: !implied.has(c), slice }) - 1);
    }
  });

  // ── equations ───────────────────────────────────────────────────────────────────────────────
  const equations: Equation[] = [];
  const cell = (period: Period, area: string, c: string) => index.get(key(period, area, c));
  const addEquation = (parent: number | undefined, children: (number | undefined)[], category = false) => {
    if (parent === undefined) return; // a parent that is 0: its parts are 0 too
    const present = children.filter((c): c is number => c !== undefined);
    equations.push({ parent, children: present, ...(category ? { category } : {}) });
  };
  const closed = new Set(calendar.periods);
  for (const period of calendar.periods) {
    for (const area of areasFor(period)) {
      const cats = categoriesAt(area, period);
      if (!cats.length || cell(period, area, cats[0]!) === undefined) continue;
      const has = new Set(cats);
      // Category identities.
      for (const id of group.identities) if (has.has(id.parent) && id.children.every((c) => has.has(c))) addEquation(cell(period, area, id.parent), id.children.map((c) => cell(period, area, c)), true);
      // Area: Sweden = län + "-"; län = its kommuner (where kommuner have the period). Not for
      // implied categories: their sums follow from the sums of what defines them.
      const summed = cats.filter((c) => !implied.has(c));
      for (const c of summed) {
        if (area === SWEDEN) {
          const children = [...lanCodes, NOT_GIVEN].filter((a) => categoriesAt(a, period).includes(c));
          if (children.length) addEquation(cell(period, area, c), children.map((a) => cell(period, a, c)));
        } else if (levelOf(area) === 'lan' && !period.startsWith('W')) {
          const kids = kommunerOf(area).filter((k) => categoriesAt(k, period).includes(c));
          if (kids.length && !HOUR_SET.has(c)) addEquation(cell(period, area, c), kids.map((k) => cell(period, k, c)));
        }
      }
      // Time: a month = its weeks; the year so far = the year before + the month; a year of hours = its months.
      const n = Number(period.slice(2));
      for (const c of summed) {
        if (period.startsWith('M')) {
          const weeks = calendar.weeks.filter((w) => monthOfWeek(year, w) === n);
          if (categoriesAt(area, week(weeks[0]!)).includes(c)) addEquation(cell(period, area, c), weeks.map((w) => cell(week(w), area, c)));
        } else if (period.startsWith('Y')) {
          if (HOUR_SET.has(c)) addEquation(cell(period, area, c), calendar.months.map((m) => cell(month(m), area, c)));
          else if (closed.has(yearTo(n - 1))) addEquation(cell(period, area, c), [cell(yearTo(n - 1), area, c), cell(month(n), area, c)]);
        }
      }
    }
  }

  // Every equation must hold on the counts: otherwise the catalogue is wrong about the flow.
  for (const e of equations) {
    const sum = e.children.reduce((s, c) => s + cells[c]!.value, 0);
    if (sum !== cells[e.parent]!.value) throw new StatsIntegrityError(`${group.id} ${year}: a total does not add up (${cells[e.parent]!.value} ≠ ${sum})`);
  }

  const problem: Problem = { cells, equations, threshold };
  const { marks, withheld, unprotectable } = suppress(problem);
  return new Publication(group, calendar, problem, index, marks, withheld, unprotectable);
}
