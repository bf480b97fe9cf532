/**
 * Opening hours with a fixed clock: past midnight, both clock changes, Swedish holidays, date
 * exceptions, always open.
 */
import { describe, expect, it } from 'vitest';
import { DayCursor, hoursStatus, type HoursStatus } from '../../src/directory/hours.js';
import { OpeningHours } from '../../src/directory/schema.js';
import { ClosedDays, stockholmOffset, toStockholm } from '../../src/directory/time.js';

const closedDays = new ClosedDays();
const at = (iso: string) => new DayCursor(toStockholm(new Date(iso)), closedDays);
const hours = (input: unknown) => OpeningHours.parse(input);
const weekdays = (from: string, to: string) => Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri'].map((d) => [d, [{ from, to }]]));
const status = (h: unknown, iso: string): HoursStatus => hoursStatus(hours(h), at(iso));

describe('Stockholm time', () => {
  it('is UTC+1 in winter and UTC+2 in summer', () => {
    expect(toStockholm(new Date('2026-01-15T12:00:00Z'))).toMatchObject({ date: '2026-01-15', minutes: 13 * 60, weekday: 3 });
    expect(toStockholm(new Date('2026-07-15T12:00:00Z'))).toMatchObject({ date: '2026-07-15', minutes: 14 * 60 });
  });

  it('springs forward at 01:00 UTC on the last Sunday of March 2026 (29 March)', () => {
    expect(toStockholm(new Date('2026-03-29T00:59:00Z'))).toMatchObject({ date: '2026-03-29', minutes: 1 * 60 + 59 });
    expect(toStockholm(new Date('2026-03-29T01:00:00Z'))).toMatchObject({ date: '2026-03-29', minutes: 3 * 60 });
    expect(stockholmOffset(Date.parse('2026-03-29T01:00:00Z'))).toBe(120);
  });

  it('falls back at 01:00 UTC on the last Sunday of October 2026 (25 October)', () => {
    expect(toStockholm(new Date('2026-10-25T00:59:00Z'))).toMatchObject({ date: '2026-10-25', minutes: 2 * 60 + 59 });
    expect(toStockholm(new Date('2026-10-25T01:00:00Z'))).toMatchObject({ date: '2026-10-25', minutes: 2 * 60 });
  });

  it('knows the holidays of 2026 that close services', () => {
    expect(closedDays.holiday('2026-06-19')).toBe('midsommarafton');
    expect(closedDays.holiday('2026-12-24')).toBe('julafton');
    expect(closedDays.holiday('2026-12-31')).toBe('nyårsafton');
    expect(closedDays.holiday('2026-04-03')).toBe('långfredagen');
    expect(closedDays.isClosedDay('2026-06-06')).toBe(true); // nationaldagen
    expect(closedDays.isClosedDay('2026-11-24')).toBe(false);
    expect(closedDays.isClosedDay('2026-04-04')).toBe(false); // påskafton is only an observance
  });
});

describe('open now?', () => {
  const office = { type: 'weekly', weekly: weekdays('08:00', '17:00') };

  it('office hours: open with closing time, closed with next opening', () => {
    expect(status(office, '2026-11-24T09:00:00Z')).toEqual({ state: 'open', closes: { dayOffset: 0, weekday: 1, minutes: 17 * 60 } });
    expect(status(office, '2026-11-24T06:30:00Z')).toEqual({ state: 'closed', opens: { dayOffset: 0, weekday: 1, minutes: 8 * 60 } });
    expect(status(office, '2026-11-24T17:00:00Z')).toEqual({ state: 'closed', opens: { dayOffset: 1, weekday: 2, minutes: 8 * 60 } });
    // Friday evening → Monday morning
    expect(status(office, '2026-11-27T18:00:00Z')).toEqual({ state: 'closed', opens: { dayOffset: 3, weekday: 0, minutes: 8 * 60 } });
  });

  it('an interval past midnight (Friday 16:00–01:00) is open late Friday and early Saturday', () => {
    const jour = { type: 'weekly', weekly: { fri: [{ from: '16:00', to: '01:00' }], sat: [{ from: '15:00', to: '01:00' }] } };
    // Friday 23:30 local (22:30Z in November): closes at 01:00 tomorrow
    expect(status(jour, '2026-11-27T22:30:00Z')).toEqual({ state: 'open', closes: { dayOffset: 1, weekday: 5, minutes: 60 } });
    // Saturday 00:30 local: still Friday's interval
    expect(status(jour, '2026-11-27T23:30:00Z')).toEqual({ state: 'open', closes: { dayOffset: 0, weekday: 5, minutes: 60 } });
    // Saturday 01:30 local: closed until 15:00
    expect(status(jour, '2026-11-28T00:30:00Z')).toEqual({ state: 'closed', opens: { dayOffset: 0, weekday: 5, minutes: 15 * 60 } });
  });

  it('touching intervals run together (Sunday 22:00–00:00 and Monday 00:00–02:00)', () => {
    const h = { type: 'weekly', weekly: { sun: [{ from: '22:00', to: '00:00' }], mon: [{ from: '00:00', to: '02:00' }] } };
    expect(status(h, '2026-11-29T22:00:00Z')).toEqual({ state: 'open', closes: { dayOffset: 1, weekday: 0, minutes: 120 } });
  });

  it('is right on both sides of the March clock change', () => {
    // Monday 23 March 2026, 07:30Z = 08:30 CET: open. Monday 30 March, 06:30Z = 08:30 CEST: open; 05:30Z = 07:30: closed.
    expect(status(office, '2026-03-23T07:30:00Z').state).toBe('open');
    expect(status(office, '2026-03-30T06:30:00Z').state).toBe('open');
    expect(status(office, '2026-03-30T05:30:00Z')).toEqual({ state: 'closed', opens: { dayOffset: 0, weekday: 0, minutes: 8 * 60 } });
  });

  it('is right on both sides of the October clock change', () => {
    // Friday 23 October, 15:30Z = 17:30 CEST: closed. Monday 26 October, 15:30Z = 16:30 CET: open.
    expect(status(office, '2026-10-23T15:30:00Z').state).toBe('closed');
    expect(status(office, '2026-10-26T15:30:00Z')).toEqual({ state: 'open', closes: { dayOffset: 0, weekday: 0, minutes: 17 * 60 } });
    // A night service over the changing night, Saturday 22:00–06:00: at 05:30 CET on Sunday it is still open.
    const night = { type: 'weekly', weekly: { sat: [{ from: '22:00', to: '06:00' }] } };
    expect(status(night, '2026-10-25T04:30:00Z')).toMatchObject({ state: 'open', closes: { minutes: 6 * 60 } });
  });

  it('closed on midsommarafton 2026 (Friday 19 June) unless the record says otherwise', () => {
    expect(status(office, '2026-06-19T08:00:00Z')).toEqual({ state: 'closed', opens: { dayOffset: 3, weekday: 0, minutes: 8 * 60 } });
    expect(status({ ...office, holidays: 'normal' }, '2026-06-19T08:00:00Z').state).toBe('open');
    expect(status({ ...office, holidays: [{ from: '10:00', to: '14:00' }] }, '2026-06-19T08:00:00Z')).toEqual({ state: 'open', closes: { dayOffset: 0, weekday: 4, minutes: 14 * 60 } });
  });

  it('closed on julafton 2026 (Thursday 24 December), juldagen and annandag; opens Monday 28th', () => {
    expect(status(office, '2026-12-24T09:00:00Z')).toEqual({ state: 'closed', opens: { dayOffset: 4, weekday: 0, minutes: 8 * 60 } });
  });

  it('a date exception wins over the week and the holiday rule', () => {
    const h = { ...office, exceptions: [{ date: '2026-12-23', intervals: [{ from: '10:00', to: '12:00' }] }, { date: '2026-12-24', intervals: [{ from: '09:00', to: '13:00' }] }] };
    expect(status(h, '2026-12-23T10:00:00Z')).toEqual({ state: 'open', closes: { dayOffset: 0, weekday: 2, minutes: 12 * 60 } });
    expect(status(h, '2026-12-23T12:00:00Z')).toEqual({ state: 'closed', opens: { dayOffset: 1, weekday: 3, minutes: 9 * 60 } });
    expect(status(h, '2026-12-24T09:00:00Z').state).toBe('open');
    // A closed day given as an exception.
    const shut = { ...office, exceptions: [{ date: '2026-11-24', intervals: [] }] };
    expect(status(shut, '2026-11-24T09:00:00Z')).toEqual({ state: 'closed', opens: { dayOffset: 1, weekday: 2, minutes: 8 * 60 } });
  });

  it('always open, unknown, and never open', () => {
    expect(status({ type: 'always' }, '2026-12-24T03:00:00Z')).toEqual({ state: 'always' });
    expect(hoursStatus(null, at('2026-11-24T09:00:00Z'))).toEqual({ state: 'unknown' });
    expect(status({ type: 'weekly', weekly: {} }, '2026-11-24T09:00:00Z')).toEqual({ state: 'closed' });
  });

  it('open every hour of the week counts as always open', () => {
    const all = { type: 'weekly', weekly: Object.fromEntries(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'].map((d) => [d, [{ from: '00:00', to: '00:00' }]])) };
    // 00:00–00:00 is refused: it must be written as always open.
    expect(() => hours(all)).toThrow(/always/);
  });
});
