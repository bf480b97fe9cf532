/**
 * The published months, computed on demand and kept: a month is published only once it is over
 * (with a grace time for counts still in memory), and from then on its counts and marks never
 * change, so each (group, month) is settled once.
 */
import type { Geo } from '../geo/kommuner.js';
import type { CountersRepository } from '../storage/counters-repository.js';
import { countedYears, periodCounts, type PeriodCounts } from './aggregate.js';
import { isOver, monthDates, monthKey } from './calendar.js';
import { group, type Group } from './catalogue.js';
import { publishMonth, type MonthPublication } from './cube.js';

export class Publications {
  readonly #months = new Map<string, MonthPublication>();
  #counts: { version: number; year: number; counts: PeriodCounts } | undefined;

  constructor(
    private readonly deps: { store: CountersRepository; geo: Geo; threshold: number; graceMs: number; now: () => Date },
  ) {}

  get threshold(): number {
    return this.deps.threshold;
  }

  /** Months ("YYYY-MM", week-based) that are over and may be shown, oldest first. */
  closedMonths(): string[] {
    const now = this.deps.now();
    const years = countedYears(this.deps.store.read());
    const out: string[] = [];
    for (const year of years) for (let m = 1; m <= 12; m++) if (isOver(monthDates(year, m).last, now, this.deps.graceMs)) out.push(monthKey(year, m));
    return out;
  }

  #countsOf(year: number): PeriodCounts {
    const { store, geo } = this.deps;
    if (!this.#counts || this.#counts.version !== store.version || this.#counts.year !== year) this.#counts = { version: store.version, year, counts: periodCounts(store.read(), year, geo) };
    return this.#counts.counts;
  }

  /** One group's publication of a closed month. */
  month(id: Group['id'], month: string): MonthPublication {
    const k = `${id}|${month}`;
    let p = this.#months.get(k);
    if (!p) {
      const year = Number(month.slice(0, 4));
      p = publishMonth({ group: group(id), counts: this.#countsOf(year), year, month: Number(month.slice(5, 7)), geo: this.deps.geo, threshold: this.deps.threshold });
      this.#months.set(k, p);
    }
    return p;
  }
}
