/**
 * The statistics calendar: ISO 8601 weeks, and months made of whole weeks.
 *
 * A week belongs to the month in which its Thursday falls, exactly as ISO 8601 gives a week to
 * the year of its Thursday. So weeks add up to months and months to years with nothing left over,
 * and a weekly trend shown next to a monthly total cannot be subtracted into a day or two: the
 * small-number protection (suppression.ts) relies on every period being a sum of smaller ones.
 * "March 2026" is therefore Monday 2 March to Sunday 29 March 2026; the dashboard says so.
 *
 * Dates are Swedish local dates ("YYYY-MM-DD", from directory/time.ts).
 */
import { toStockholm } from '../directory/time.js';

const DAY_MS = 86_400_000;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

function utcDay(date: string): number {
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10)));
}
function dateOf(ms: number): string {
  const d = new Date(ms);
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export interface Week {
  /** ISO week-numbering year. */
  year: number;
  /** 1–53 */
  week: number;
}

/** The ISO week of a local date. */
export function weekOf(date: string): Week {
  const day = utcDay(date);
  const weekday = (new Date(day).getUTCDay() + 6) % 7; // 0 = Monday
  const thursday = day + (3 - weekday) * DAY_MS;
  const year = new Date(thursday).getUTCFullYear();
  const week = Math.floor((thursday - Date.UTC(year, 0, 1)) / (7 * DAY_MS)) + 1;
  return { year, week };
}

/** The Monday of ISO week 1 of a year (the week that holds 4 January). */
function firstMonday(year: number): number {
  const jan4 = Date.UTC(year, 0, 4);
  return jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * DAY_MS;
}

export function weeksInYear(year: number): number {
  return Math.round((firstMonday(year + 1) - firstMonday(year)) / (7 * DAY_MS));
}

/** First and last local date (Monday, Sunday) of a week. */
export function weekDates(year: number, week: number): { first: string; last: string } {
  const monday = firstMonday(year) + (week - 1) * 7 * DAY_MS;
  return { first: dateOf(monday), last: dateOf(monday + 6 * DAY_MS) };
}

/** The month (1–12) a week belongs to: the month of its Thursday. */
export function monthOfWeek(year: number, week: number): number {
  const thursday = firstMonday(year) + (week - 1) * 7 * DAY_MS + 3 * DAY_MS;
  return new Date(thursday).getUTCMonth() + 1;
}

/** The weeks of a month, in order (four or five). */
export function weeksOfMonth(year: number, month: number): number[] {
  const out: number[] = [];
  for (let w = 1, n = weeksInYear(year); w <= n; w++) if (monthOfWeek(year, w) === month) out.push(w);
  return out;
}

/** First and last local date of a month of whole weeks. */
export function monthDates(year: number, month: number): { first: string; last: string } {
  const weeks = weeksOfMonth(year, month);
  return { first: weekDates(year, weeks[0]!).first, last: weekDates(year, weeks.at(-1)!).last };
}

export const weekKey = (year: number, week: number) => `${year}-W${pad(week)}`;
export const monthKey = (year: number, month: number) => `${year}-${pad(month)}`;
export const WEEK_KEY = /^(\d{4})-W(\d{2})$/;

/** Where an instant falls: its week and month keys, and its weekday (1 = Monday … 7) and hour, Swedish time. */
export function bucketsOf(instant: Date): { week: string; month: string; weekday: number; hour: number } {
  const local = toStockholm(instant);
  const { year, week } = weekOf(local.date);
  return { week: weekKey(year, week), month: monthKey(year, monthOfWeek(year, week)), weekday: local.weekday + 1, hour: Math.floor(local.minutes / 60) };
}

/**
 * Whether a period that ends on `lastDate` is over, with a grace time for counts still in memory
 * (they reach the store within one flush interval). Only periods that are over are published, so
 * their counts can no longer change.
 */
export function isOver(lastDate: string, now: Date, graceMs: number): boolean {
  return toStockholm(new Date(now.getTime() - graceMs)).date > lastDate;
}
