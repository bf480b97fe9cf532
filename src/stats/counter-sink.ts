/**
 * Counts conversation events in memory and writes them to the store in batches (every
 * STATS_FLUSH_SECONDS and at shutdown). Only counters leave this module: the events of one turn
 * become +1s on a few names of the fixed list (catalogue.ts), under the Swedish date, the kommun
 * and the language; a start also counts under the weekday-hour of its month and län. Values
 * outside the vocabulary (an unknown kommun, locale or answer) are dropped, so nothing but the
 * fixed list can reach the store. No record of a conversation exists here, not even in memory.
 *
 * Which kommun a count belongs to: the kommun she named once she has answered that question
 * ("none" if she chose not to say); before that, the kommun of the site that embeds the chat;
 * otherwise "none". So the situations counted on Kalmar's site are Kalmar's even when she left
 * before the kommun question, and "no local service" is always about a kommun she named.
 */
import type { ConversationEvent } from '../conversation/engine.js';
import { toStockholm } from '../directory/time.js';
import type { Geo } from '../geo/kommuner.js';
import { isLocale } from '../i18n/locales.js';
import { log } from '../log.js';
import { emptyBatch, type CounterBatch, type CountersRepository } from '../storage/counters-repository.js';
import { bucketsOf } from './calendar.js';
import { counterKeys } from './catalogue.js';
import type { EventContext, StatsSink } from './sink.js';

export const NOT_GIVEN = 'none';

function bump(record: Record<string, any>, path: string[], by = 1): void {
  let node: Record<string, any> = record;
  for (const key of path.slice(0, -1)) node = node[key] ??= {};
  const last = path.at(-1)!;
  node[last] = (node[last] ?? 0) + by;
}

export class CounterSink implements StatsSink {
  #pending: CounterBatch = emptyBatch();
  #empty = true;
  #timer: NodeJS.Timeout | undefined;
  #writing: Promise<void> = Promise.resolve();

  constructor(
    private readonly repo: CountersRepository,
    private readonly geo: Geo,
    private readonly options: { flushMs: number },
  ) {}

  /** The kommun a count belongs to (see the module comment). */
  areaOf(context: Pick<EventContext, 'kommun' | 'siteKommun'>): string {
    const code = context.kommun !== undefined ? context.kommun : context.siteKommun;
    return code && this.geo.kommun(code) ? code : NOT_GIVEN;
  }

  record(events: readonly ConversationEvent[], context: EventContext): void {
    if (!isLocale(context.locale)) return;
    const kommun = this.areaOf(context);
    const lan = kommun === NOT_GIVEN ? NOT_GIVEN : (this.geo.lanOf(kommun)?.code ?? NOT_GIVEN);
    const kommunGiven = typeof context.kommun === 'string' && kommun !== NOT_GIVEN;
    const date = toStockholm(context.now).date;
    const at = bucketsOf(context.now);
    for (const event of events) {
      for (const key of counterKeys(event, kommunGiven)) {
        bump(this.#pending.days, [date, kommun, context.locale, key]);
        this.#empty = false;
      }
      if (event.type === 'started') bump(this.#pending.hours, [at.month, lan, `${at.weekday}-${String(at.hour).padStart(2, '0')}`]);
    }
  }

  /** Starts the periodic writes. */
  start(): this {
    this.#timer ??= setInterval(() => void this.flush(), this.options.flushMs);
    this.#timer.unref();
    return this;
  }

  /** Writes what has been counted since the last write (one write at a time). */
  flush(): Promise<void> {
    this.#writing = this.#writing.then(async () => {
      if (this.#empty) return;
      const batch = this.#pending;
      this.#pending = emptyBatch();
      this.#empty = true;
      try {
        await this.repo.add(batch);
      } catch (e) {
        // The counts are in the store's memory already and go out with the next write.
        log.error('stats_write_failed', e);
      }
    });
    return this.#writing;
  }

  /** At shutdown: stops the timer and writes the last batch. */
  async close(): Promise<void> {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    await this.flush();
    await this.repo.flush();
  }
}
