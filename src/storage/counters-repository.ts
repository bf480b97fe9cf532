/**
 * The usage counters as stored: numbers only. Nothing else fits the schema — no text, no id, no
 * timestamp finer than a day — and a file that holds anything else does not load.
 *
 * - days:  Swedish date × kommun code (or "none") × language × counter name → count;
 * - hours: month × län code (or "none") × "weekday-hour" (1 = Monday, 00–23) → conversations
 *          started. Fine time and small kommun never meet in one counter.
 *
 * The embedded default is one lowdb file, `DATA_DIR/stats.json`, written atomically (json-db.ts):
 * a crash loses at most the batch still in memory, never the file. Without a file (tests) the same
 * class keeps everything in memory. A deployment with several instances implements
 * `CountersRepository` on PostgreSQL (`INSERT … ON CONFLICT DO UPDATE SET n = n + excluded.n`).
 */
import * as z from 'zod';
import { JsonDb } from './json-db.js';

export type Counts = Record<string, number>;
export interface CounterBatch {
  /** date → kommun or "none" → locale → counter name → count */
  days: Record<string, Record<string, Record<string, Counts>>>;
  /** month → län or "none" → "d-hh" → conversations started */
  hours: Record<string, Record<string, Counts>>;
}

export const emptyBatch = (): CounterBatch => ({ days: {}, hours: {} });

export interface CountersRepository {
  /** Adds a batch of counts in one write. */
  add(batch: CounterBatch): Promise<void>;
  /** Every count (do not change the result). */
  read(): CounterBatch;
  /** Changes with every write (for caches). */
  readonly version: number;
  flush(): Promise<void>;
}

const Count = z.number().int().min(0).max(Number.MAX_SAFE_INTEGER);
const DateKey = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/);
const MonthKey = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/);
const Kommun = z.string().regex(/^(\d{4}|none)$/);
const Lan = z.string().regex(/^(\d{2}|none)$/);
const Locale = z.string().regex(/^[a-z]{2}(-x-[a-z]{2})?$/);
const CounterName = z.string().regex(/^[a-z][a-zA-Z]*(\.[a-z][a-zA-Z-]*)?$/).max(40);
const HourKey = z.string().regex(/^[1-7]-([01]\d|2[0-3])$/);

const Batch = z.strictObject({
  days: z.record(DateKey, z.record(Kommun, z.record(Locale, z.record(CounterName, Count)))),
  hours: z.record(MonthKey, z.record(Lan, z.record(HourKey, Count))),
});
export const CountersFile = Batch.extend({ format: z.literal(1) });
type CountersFile = z.infer<typeof CountersFile>;

function addInto(target: Record<string, any>, source: Record<string, any>): void {
  for (const [key, value] of Object.entries(source)) {
    if (typeof value === 'number') target[key] = (target[key] ?? 0) + value;
    else addInto((target[key] ??= {}), value);
  }
}

/** lowdb in `file`, or in memory when `file` is undefined. */
export class LowdbCountersRepository implements CountersRepository {
  #version = 0;
  private constructor(private readonly db: JsonDb<CountersFile>) {}

  static async open(file: string | undefined): Promise<LowdbCountersRepository> {
    const db = await JsonDb.open({ file, compact: true, schema: CountersFile as z.ZodType<CountersFile>, defaults: (): CountersFile => ({ format: 1, ...emptyBatch() }) });
    return new LowdbCountersRepository(db);
  }

  async add(batch: CounterBatch): Promise<void> {
    const checked = Batch.parse(batch);
    await this.db.update((data) => {
      addInto(data.days, checked.days);
      addInto(data.hours, checked.hours);
      this.#version++;
    });
  }

  read(): CounterBatch {
    return this.db.data;
  }

  get version(): number {
    return this.#version;
  }

  flush(): Promise<void> {
    return this.db.flush();
  }
}
