/**
 * From the stored day counters to the periods that are published (cube.ts): months of whole weeks
 * per kommun, ISO weeks per län (conversations started, for the trend), and the weekday-hours per
 * län as stored. The languages of the dashboard are the conversations started in each language.
 */
import type { Geo } from '../geo/kommuner.js';
import type { CounterBatch, Counts } from '../storage/counters-repository.js';
import { monthKey, monthOfWeek, weekKey, weekOf } from './calendar.js';
import { NOT_GIVEN } from './counter-sink.js';

export interface PeriodCounts {
  /** week-based month → kommun or "none" → locale, or "all" for every language → counter name → count */
  months: Record<string, Record<string, Record<string, Counts>>>;
  /** ISO week → län or "none" → conversations started */
  weeks: Record<string, Record<string, number>>;
  /** month → län → "d-hh" → conversations started */
  hours: Record<string, Record<string, Counts>>;
}

/** The counts of one ISO year, by the periods the dashboard publishes. */
export function periodCounts(stored: CounterBatch, year: number, geo: Geo): PeriodCounts {
  const out: PeriodCounts = { months: {}, weeks: {}, hours: {} };
  for (const [date, areas] of Object.entries(stored.days)) {
    const w = weekOf(date);
    if (w.year !== year) continue;
    const month = monthKey(year, monthOfWeek(year, w.week));
    const week = weekKey(year, w.week);
    for (const [kommun, locales] of Object.entries(areas)) {
      const area = ((out.months[month] ??= {})[kommun] ??= {});
      const all = (area.all ??= {});
      for (const [locale, names] of Object.entries(locales)) {
        const own = (area[locale] ??= {});
        for (const [name, n] of Object.entries(names)) {
          all[name] = (all[name] ?? 0) + n;
          own[name] = (own[name] ?? 0) + n;
        }
        const started = names.started ?? 0;
        if (started) {
          all[`language.${locale}`] = (all[`language.${locale}`] ?? 0) + started;
          const lan = kommun === NOT_GIVEN ? NOT_GIVEN : (geo.lanOf(kommun)?.code ?? NOT_GIVEN);
          const weekly = (out.weeks[week] ??= {});
          weekly[lan] = (weekly[lan] ?? 0) + started;
        }
      }
    }
  }
  for (const [month, lans] of Object.entries(stored.hours)) if (month.startsWith(`${year}-`)) out.hours[month] = lans;
  return out;
}

/** The ISO years that have counts, oldest first. */
export function countedYears(stored: CounterBatch): number[] {
  return [...new Set(Object.keys(stored.days).map((d) => weekOf(d).year))].sort((a, b) => a - b);
}
