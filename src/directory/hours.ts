/**
 * Is a service open now, and if not, when does it open? A pure function of the opening hours and
 * a fixed "now" (Stockholm local time with its closed days), so it is tested with a fixed clock.
 */
import { intervalMinutes, WEEKDAYS, type Interval, type OpeningHours } from './schema.js';
import { addDays, type ClosedDays, type LocalTime } from './time.js';

/** A moment relative to now: `dayOffset` 0 is today, 1 tomorrow …; minutes since that day's midnight. */
export interface Moment {
  dayOffset: number;
  /** 0 = Monday … 6 = Sunday */
  weekday: number;
  minutes: number;
}

export type HoursStatus =
  | { state: 'always' }
  | { state: 'unknown' }
  | { state: 'open'; closes: Moment }
  | { state: 'closed'; opens?: Moment };

export const LOOKAHEAD_DAYS = 14;

type Weekly = Extract<OpeningHours, { type: 'weekly' }>;

/**
 * "Now" for one routing decision: the local time and, computed once and shared by every service
 * looked at, the calendar days around it and whether each is a closed day.
 */
export class DayCursor {
  readonly #days = new Map<number, { day: LocalTime; closed: boolean }>();
  constructor(
    readonly now: LocalTime,
    readonly closedDays: ClosedDays,
  ) {}

  day(offset: number): { day: LocalTime; closed: boolean } {
    let d = this.#days.get(offset);
    if (!d) {
      const day = offset === 0 ? this.now : addDays(this.now, offset);
      d = { day, closed: this.closedDays.isClosedDay(day.date) };
      this.#days.set(offset, d);
    }
    return d;
  }
}

/** The intervals that apply on a day: a date exception, else the holiday rule, else the weekday. */
export function intervalsOn(hours: Weekly, day: LocalTime, closedDay: boolean): readonly Interval[] {
  if (hours.exceptions.length) {
    const exception = hours.exceptions.find((e) => e.date === day.date);
    if (exception) return exception.intervals;
  }
  const regular = hours.weekly[WEEKDAYS[day.weekday]!] ?? [];
  if (!closedDay || hours.holidays === 'normal') return regular;
  if (hours.holidays === 'closed') return [];
  return hours.holidays;
}

/** The spans of the day at `offset`, in minutes from today's midnight, in order. */
function spansOf(hours: Weekly, cursor: DayCursor, offset: number): [number, number][] {
  const { day, closed } = cursor.day(offset);
  const base = offset * 1440;
  return intervalsOn(hours, day, closed)
    .map((i): [number, number] => {
      const [from, to] = intervalMinutes(i);
      return [base + from, base + to];
    })
    .sort((a, b) => a[0] - b[0]);
}

export function hoursStatus(hours: OpeningHours | null, cursor: DayCursor): HoursStatus {
  if (!hours) return { state: 'unknown' };
  if (hours.type === 'always') return { state: 'always' };

  const t = cursor.now.minutes;
  const moment = (abs: number): Moment => {
    const dayOffset = Math.floor(abs / 1440);
    return { dayOffset, weekday: (cursor.now.weekday + dayOffset) % 7, minutes: abs - dayOffset * 1440 };
  };

  // Walk the days from yesterday (whose night may reach into today) until the answer is settled.
  let openUntil: number | undefined;
  for (let offset = -1; offset <= LOOKAHEAD_DAYS; offset++) {
    for (const [from, to] of spansOf(hours, cursor, offset)) {
      if (openUntil !== undefined) {
        if (from <= openUntil) openUntil = Math.max(openUntil, to); // touching or overlapping: still open
      } else if (from <= t && t < to) openUntil = to;
      else if (from > t) return { state: 'closed', opens: moment(from) };
    }
    // Days after this one start at (offset + 1) * 1440 or later; nothing can extend an earlier end.
    if (openUntil !== undefined && openUntil < (offset + 1) * 1440) return { state: 'open', closes: moment(openUntil) };
  }
  // Open through the whole look-ahead: as good as always open for the person asking.
  return openUntil !== undefined ? { state: 'always' } : { state: 'closed' };
}

export function isOpen(status: HoursStatus): boolean {
  return status.state === 'open' || status.state === 'always';
}
