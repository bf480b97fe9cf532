/**
 * Swedish local time without Intl: Europe/Stockholm is UTC+1, and UTC+2 from 01:00 UTC on the last
 * Sunday of March to 01:00 UTC on the last Sunday of October (EU rule since 1996). Plain arithmetic
 * keeps a routing decision in microseconds and makes the clock changes easy to test.
 */
import Holidays from 'date-holidays';

export interface LocalTime {
  year: number;
  /** 1–12 */
  month: number;
  day: number;
  /** 0 = Monday … 6 = Sunday */
  weekday: number;
  /** Minutes since local midnight. */
  minutes: number;
  /** "YYYY-MM-DD" */
  date: string;
}

const DAY_MS = 86_400_000;

/** Day of month of the last Sunday of a month (month 1–12), in UTC. */
function lastSunday(year: number, month: number): number {
  const last = new Date(Date.UTC(year, month, 0)); // day 0 of next month = last day of this one
  return last.getUTCDate() - last.getUTCDay();
}

const dstCache = new Map<number, [number, number]>();
function dstRange(year: number): [number, number] {
  let r = dstCache.get(year);
  if (!r) {
    r = [Date.UTC(year, 2, lastSunday(year, 3), 1), Date.UTC(year, 9, lastSunday(year, 10), 1)];
    dstCache.set(year, r);
  }
  return r;
}

/** Offset of Stockholm from UTC at an instant, in minutes (60 or 120). */
export function stockholmOffset(utcMs: number): number {
  const year = new Date(utcMs).getUTCFullYear();
  const [start, end] = dstRange(year);
  return utcMs >= start && utcMs < end ? 120 : 60;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function toStockholm(instant: Date | number): LocalTime {
  const utc = typeof instant === 'number' ? instant : instant.getTime();
  const local = new Date(utc + stockholmOffset(utc) * 60_000);
  const year = local.getUTCFullYear();
  const month = local.getUTCMonth() + 1;
  const day = local.getUTCDate();
  return {
    year,
    month,
    day,
    weekday: (local.getUTCDay() + 6) % 7,
    minutes: local.getUTCHours() * 60 + local.getUTCMinutes(),
    date: `${year}-${pad(month)}-${pad(day)}`,
  };
}

/** The local calendar day `offset` days after `t` (weekday and date only). */
export function addDays(t: LocalTime, offset: number): LocalTime {
  const d = new Date(Date.UTC(t.year, t.month - 1, t.day) + offset * DAY_MS);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + 1;
  const day = d.getUTCDate();
  return { year, month, day, weekday: (d.getUTCDay() + 6) % 7, minutes: 0, date: `${year}-${pad(month)}-${pad(day)}` };
}

/**
 * Days on which services are closed unless their record says otherwise: Swedish public holidays
 * and the `bank` days midsommarafton, julafton and nyårsafton. Sundays are not included; a
 * service's weekly schedule says whether it is open on Sundays.
 */
export class ClosedDays {
  readonly #hd = new Holidays('SE');
  readonly #years = new Map<number, Map<string, string>>();

  #year(year: number): Map<string, string> {
    let days = this.#years.get(year);
    if (!days) {
      days = new Map();
      for (const h of this.#hd.getHolidays(year, 'sv')) if (h.type === 'public' || h.type === 'bank') days.set(h.date.slice(0, 10), h.name);
      this.#years.set(year, days);
    }
    return days;
  }

  /** The holiday's Swedish name, or undefined when the date is an ordinary day. */
  holiday(date: string): string | undefined {
    return this.#year(Number(date.slice(0, 4))).get(date);
  }

  isClosedDay(date: string): boolean {
    return this.holiday(date) !== undefined;
  }
}
