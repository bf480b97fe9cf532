/**
 * The dashboard's canonical publication of a month, on a realistic year of synthetic counts: the
 * auditor finds no hidden count that the published numbers (every area, language, week and
 * category of the month, with all their totals) give away; small counts are never shown; a range
 * of months tells nothing its months do not.
 */
import { describe, expect, it } from 'vitest';
import { loadGeo } from '../../src/geo/kommuner.js';
import { periodCounts } from '../../src/stats/aggregate.js';
import { GROUPS } from '../../src/stats/catalogue.js';
import { CounterSink } from '../../src/stats/counter-sink.js';
import { ALL, publishMonth } from '../../src/stats/cube.js';
import { Publications } from '../../src/stats/publications.js';
import { audit } from '../../src/stats/suppression.js';
import { buildView } from '../../src/stats/view.js';
import { LowdbCountersRepository } from '../../src/storage/counters-repository.js';
import { seedConversations } from '../helpers/stats.js';

const geo = loadGeo();

async function seededYear(conversations: number) {
  const store = await LowdbCountersRepository.open(undefined);
  const sink = new CounterSink(store, geo, { flushMs: 60_000 });
  seedConversations(sink, geo, { count: conversations, seed: 11, start: new Date('2026-01-05T00:00:00Z'), days: 90 });
  await sink.flush();
  return store;
}

describe('the publication of a month', () => {
  it('gives no small count away, for any group, and shows none', async () => {
    const store = await seededYear(8000);
    const counts = periodCounts(store.read(), 2026, geo);
    let small = 0;
    for (const group of GROUPS) {
      const p = publishMonth({ group, counts, year: 2026, month: 2, geo, threshold: 5 });
      const { problem, marks } = p.internals();
      expect(audit(problem, marks).exposed, group.id).toEqual([]);
      problem.cells.forEach((c, i) => {
        if (marks[i] === 'shown') expect(c.value === 0 || c.value >= 5, `${group.id}: a shown ${c.value}`).toBe(true);
        if (c.value > 0 && c.value < 5) small++;
      });
    }
    expect(small, 'the data must have small counts for this test to mean anything').toBeGreaterThan(100);
  }, 60_000);

  it('a range of months is shown only where each month is; otherwise ".."', async () => {
    const store = await seededYear(1500);
    const publications = new Publications({ store, geo, threshold: 5, graceMs: 0, now: () => new Date('2026-06-01T12:00:00Z') });
    const admin = { name: 'a', role: 'admin' as const, scope: { all: true as const } };
    const view = buildView(admin, { from: '2026-02', to: '2026-03', area: '08' }, { geo, publications });
    if ('empty' in view) throw new Error('no view');
    const months = ['2026-02', '2026-03'];
    let hidden = 0;
    for (const row of view.tables.find((t) => t.id === 'situation')!.rows) {
      const parts = months.map((m) => publications.month('situation', m).get('M', '08', ALL, row.key));
      if (parts.every((p) => p.mark === 'shown')) expect(row.value).toEqual({ mark: 'shown', value: parts.reduce((s, p) => s + (p.mark === 'shown' ? p.value : 0), 0) });
      else {
        expect(row.value).toEqual({ mark: 'hidden' });
        hidden++;
      }
    }
    expect(hidden).toBeGreaterThan(0);
    // The weekly trend is there for a län, never for a kommun; a kommun is shown one month at a time.
    expect(view.tables.some((t) => t.id === 'trend')).toBe(true);
    const kommun = buildView(admin, { from: '2026-02', to: '2026-03', area: '0880' }, { geo, publications });
    if ('empty' in kommun) throw new Error('no view');
    expect([kommun.from, kommun.to, kommun.narrowed]).toEqual(['2026-03', '2026-03', true]);
    expect(kommun.tables.some((t) => t.id === 'trend' || t.id === 'hours')).toBe(false);
  }, 60_000);

  it('settled in the worker thread, a month is exactly what it is when settled in place', async () => {
    const store = await seededYear(1500);
    const now = () => new Date('2026-06-01T12:00:00Z');
    const inWorker = new Publications({ store, geo, threshold: 5, graceMs: 0, now });
    const inPlace = new Publications({ store, geo, threshold: 5, graceMs: 0, now });
    try {
      expect(await inWorker.prepare(['2026-02'])).toBe(GROUPS.length);
      expect(await inWorker.prepare(['2026-02']), 'kept, not settled again').toBe(0);
      for (const { id } of GROUPS) {
        const a = inWorker.month(id, '2026-02').internals();
        const b = inPlace.month(id, '2026-02').internals();
        expect(a.marks, id).toEqual(b.marks);
        expect([...a.index], id).toEqual([...b.index]);
        expect(a.problem.cells.map((c) => c.value), id).toEqual(b.problem.cells.map((c) => c.value));
      }
    } finally {
      await inWorker.close();
    }
  }, 60_000);
});
