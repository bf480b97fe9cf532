/**
 * The published months, computed on demand and kept: a month is published only once it is over
 * (with a grace time for counts still in memory), and from then on its counts and marks never
 * change, so each (group, month) is settled once.
 *
 * Settling takes a second or more per month, so `prepare` does it in a worker thread while the
 * chat goes on; `month` then reads the kept result (and computes in place only for callers that
 * did not prepare, such as tests and benches).
 */
import { Worker } from 'node:worker_threads';
import type { Geo } from '../geo/kommuner.js';
import { log } from '../log.js';
import type { CountersRepository } from '../storage/counters-repository.js';
import { countedYears, periodCounts, type PeriodCounts } from './aggregate.js';
import { isOver, monthDates, monthKey } from './calendar.js';
import { group, GROUPS, type Group } from './catalogue.js';
import { MonthPublication, publishMonth, StatsIntegrityError } from './cube.js';
import type { PublishRequest, PublishResponse } from './publish-worker.js';

export class Publications {
  readonly #months = new Map<string, MonthPublication>();
  #counts: { version: number; year: number; counts: PeriodCounts } | undefined;
  #worker: Worker | undefined;
  #pending = new Map<number, (r: PublishResponse | undefined) => void>();
  #nextId = 0;
  readonly #inflight = new Map<string, Promise<MonthPublication | undefined>>();

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

  /**
   * Settles every group of these closed months in the worker (one at a time), unless already kept.
   * Returns how many it settled there; without a working worker, month() computes in place.
   */
  async prepare(months: readonly string[]): Promise<number> {
    let settled = 0;
    for (const month of months)
      for (const { id } of GROUPS) {
        const k = `${id}|${month}`;
        if (this.#months.has(k)) continue;
        // The background warm-up and a page may ask for the same month: settle it once.
        let pending = this.#inflight.get(k);
        if (!pending) {
          pending = this.#settle(id, month).finally(() => this.#inflight.delete(k));
          this.#inflight.set(k, pending);
        }
        const p = await pending;
        if (!p) return settled; // no worker: month() computes in place
        this.#months.set(k, p);
        settled++;
      }
    return settled;
  }

  async #settle(id: Group['id'], month: string): Promise<MonthPublication | undefined> {
    const year = Number(month.slice(0, 4));
    const m = Number(month.slice(5, 7));
    const counts = this.#countsOf(year);
    const mk = monthKey(year, m);
    // Only this month's counts travel (the weeks are a small table).
    const slice: PeriodCounts = { months: { [mk]: counts.months[mk] ?? {} }, hours: { [mk]: counts.hours[mk] ?? {} }, weeks: counts.weeks };
    const reply = await this.#ask({ id: this.#nextId++, groupId: id, counts: slice, year, month: m, threshold: this.deps.threshold });
    if (!reply) return undefined;
    if (!reply.ok) throw reply.integrity ? new StatsIntegrityError(reply.message) : new Error(reply.message);
    return MonthPublication.fromData(reply.data);
  }

  #ask(request: PublishRequest): Promise<PublishResponse | undefined> {
    const worker = this.#startWorker();
    if (!worker) return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.#pending.set(request.id, resolve);
      worker.postMessage(request);
    });
  }

  #startWorker(): Worker | undefined {
    if (this.#worker) return this.#worker;
    try {
      // Built code runs dist/publish-worker.js (next to main.js); from source (tests) a small
      // bootstrap registers tsx in the worker first.
      const source = import.meta.url.endsWith('.ts');
      const worker = new Worker(new URL(source ? './publish-worker.dev.mjs' : './publish-worker.js', import.meta.url), {
        workerData: { kommuner: this.deps.geo.kommuner, lan: this.deps.geo.lan },
      });
      worker.unref();
      worker.on('message', (r: PublishResponse) => {
        this.#pending.get(r.id)?.(r);
        this.#pending.delete(r.id);
      });
      worker.on('error', (e) => {
        log.error('stats_worker_failed', e);
        // What was asked is settled in place instead (month()), as without a worker.
        for (const resolve of this.#pending.values()) resolve(undefined);
        this.#pending.clear();
        this.#worker = undefined;
      });
      this.#worker = worker;
      return worker;
    } catch (e) {
      log.error('stats_worker_failed', e);
      return undefined;
    }
  }

  /** Stops the worker (at shutdown). */
  async close(): Promise<void> {
    await this.#worker?.terminate();
    this.#worker = undefined;
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
