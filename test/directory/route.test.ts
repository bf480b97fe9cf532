/**
 * Routing: one pure function of (directory, answers, now). The rules on small made-up directories,
 * then the seed cases on the shipped data, all with a fixed clock.
 */
import { describe, expect, it } from 'vitest';
import type { Answers } from '../../src/domain/answers.js';
import { Directory } from '../../src/directory/directory.js';
import { isOpen } from '../../src/directory/hours.js';
import { loadRoutingTable } from '../../src/directory/routing-table.js';
import { route, type ContactCard } from '../../src/directory/route.js';
import type { ServiceRecord } from '../../src/directory/schema.js';
import { loadShippedRecords } from '../../src/directory/service.js';
import { ClosedDays } from '../../src/directory/time.js';
import { loadGeo } from '../../src/geo/kommuner.js';
import { essentials, officeHours, rec } from './fixtures.js';

const geo = loadGeo();
const table = loadRoutingTable();
const closedDays = new ClosedDays();
const dir = (...records: ServiceRecord[]) => new Directory([...essentials(), ...records], geo, table);
const ids = (cards: ContactCard[]) => cards.map((c) => (c.source.type === 'record' ? c.source.record.id : c.source.type));

const TUESDAY_10 = new Date('2026-11-24T09:00:00Z');
const SATURDAY_22 = new Date('2026-11-28T21:00:00Z');
const woman: Answers = { danger: 'no', who: 'self', gender: 'woman', situation: 'physical', need: 'shelter', kommun: '0862' };

/** Closed services never come before an open alternative. */
function expectOpenFirst(cards: ContactCard[]) {
  const tier = (c: ContactCard) => (c.reason === 'emergency' ? -1 : isOpen(c.status) || c.likely === 'open' ? 0 : c.status.state === 'closed' || c.likely === 'closed' ? 2 : 1);
  const tiers = cards.map(tier);
  expect(tiers).toEqual([...tiers].sort((a, b) => a - b));
}

describe('routing rules', () => {
  it('danger: 112 first, whatever else fits', () => {
    const r = route(dir(), { ...woman, danger: 'yes' }, TUESDAY_10, closedDays);
    expect(ids(r.cards)[0]).toBe('sos-112');
    expect(route(dir(), woman, TUESDAY_10, closedDays).cards.some((c) => c.kind === 'emergency')).toBe(false);
  });

  it('a closed local service comes after open ones and says when it opens', () => {
    const jour = rec({ id: 'jour', kind: 'kvinnojour', coverage: { scope: 'local', kommuner: ['0862'] }, serves: { genders: ['woman'] }, hours: officeHours });
    const r = route(dir(jour), woman, SATURDAY_22, closedDays);
    const card = r.cards.find((c) => ids([c])[0] === 'jour')!;
    expect(card.status).toEqual({ state: 'closed', opens: { dayOffset: 2, weekday: 0, minutes: 8 * 60 } });
    expectOpenFirst(r.cards);
    expect(ids(r.cards).indexOf('jour')).toBeGreaterThan(ids(r.cards).indexOf('kvinnofridslinjen'));
  });

  it('after office hours the socialjour leads; without one, 114 14 "ask for socialjouren"', () => {
    const social = rec({ id: 'soc', kind: 'socialtjanst', coverage: { scope: 'local', kommuner: ['0862'] }, hours: officeHours, afterHours: { serviceId: 'jouren' } });
    const jouren = rec({ id: 'jouren', kind: 'socialjour', coverage: { scope: 'local', kommuner: ['0862', '0880'] }, hours: { type: 'weekly', weekly: { sat: [{ from: '10:00', to: '02:00' }] } } });
    const night = route(dir(social, jouren), woman, SATURDAY_22, closedDays);
    expect(ids(night.cards)[0]).toBe('jouren');
    expect(night.afterHours).toBe(true);
    const day = route(dir(social, jouren), woman, TUESDAY_10, closedDays);
    expect(ids(day.cards)[0]).toBe('soc');
    // A kommun without socialjour: 114 14 takes its place.
    const alone = route(dir(social), woman, SATURDAY_22, closedDays);
    expect(ids(alone.cards)).toContain('socialjour-via-polis');
    expect(ids(alone.cards).indexOf('socialjour-via-polis')).toBeLessThan(ids(alone.cards).indexOf('soc'));
  });

  it('eligibility: no women-only shelter for a man; the men\'s line instead', () => {
    const jour = rec({ id: 'kvinnojouren', kind: 'kvinnojour', coverage: { scope: 'local', kommuner: ['0862'] }, serves: { genders: ['woman'] }, hours: { type: 'always' } });
    const man = route(dir(jour), { ...woman, gender: 'man' }, TUESDAY_10, closedDays);
    expect(ids(man.cards)).not.toContain('kvinnojouren');
    expect(ids(man.cards)).toContain('stodlinjen-for-man');
    expect(ids(route(dir(jour), woman, TUESDAY_10, closedDays).cards)).toContain('kvinnojouren');
  });

  it('under 18: BRIS, tjejjour/ungdomsjour and socialtjänst; nothing for adults only', () => {
    const tjej = rec({ id: 'tjejjouren', kind: 'tjejjour', coverage: { scope: 'local', kommuner: ['0581'] }, serves: { genders: ['woman', 'trans-nonbinary'], minAge: 12, maxAge: 25 }, hours: { type: 'always' } });
    const ung = rec({ id: 'ungdomsjouren', kind: 'ungdomsjour', coverage: { scope: 'local', kommuner: ['0581'] }, serves: { genders: ['woman', 'man', 'trans-nonbinary'], maxAge: 20 }, hours: { type: 'always' } });
    const adults = rec({ id: 'adults-only', kind: 'kvinnojour', coverage: { scope: 'local', kommuner: ['0581'] }, serves: { genders: ['woman'], minAge: 18 }, hours: { type: 'always' } });
    const r = route(dir(tjej, ung, adults), { danger: 'no', who: 'young', gender: 'woman', situation: 'physical', need: 'talk', kommun: '0581' }, TUESDAY_10, closedDays);
    expect(ids(r.cards)).toEqual(expect.arrayContaining(['bris', 'tjejjouren', 'ungdomsjouren', 'kommun-socialtjanst']));
    expect(ids(r.cards)).not.toContain('adults-only');
    // An adult does not get BRIS.
    expect(ids(route(dir(tjej), woman, TUESDAY_10, closedDays).cards)).not.toContain('bris');
  });

  it('honour-related: socialtjänst and Rätt att välja, never a service that involves the family', () => {
    const family = rec({ id: 'familjeradgivning', kind: 'other', coverage: { scope: 'local', kommuner: ['1880'] }, unsuitableFor: ['honour'], hours: { type: 'always' } });
    const mediation = rec({ id: 'medling', kind: 'other', coverage: { scope: 'local', kommuner: ['1880'] }, hours: { type: 'always' } });
    const r = route(dir(family, mediation), { danger: 'no', who: 'self', gender: 'woman', situation: 'honour', need: 'talk', kommun: '1880' }, TUESDAY_10, closedDays);
    expect(ids(r.cards)).toEqual(expect.arrayContaining(['ratt-att-valja', 'kommun-socialtjanst']));
    expect(ids(r.cards)).not.toContain('familjeradgivning');
    expect(ids(r.cards)).not.toContain('medling');
    expect(ids(r.cards).indexOf('ratt-att-valja')).toBeLessThan(ids(r.cards).indexOf('kvinnofridslinjen'));
  });

  it('a person who uses violence gets support for people who use violence, not a victims\' jour', () => {
    const jour = rec({ id: 'kvinnojouren', kind: 'kvinnojour', coverage: { scope: 'local', kommuner: ['0512'] }, serves: { genders: ['woman'] }, hours: { type: 'always' } });
    const r = route(dir(jour), { danger: 'no', who: 'uses-violence', kommun: '0512' }, TUESDAY_10, closedDays);
    expect(ids(r.cards)).toContain('valj-att-sluta');
    expect(ids(r.cards)).toContain('kommun-socialtjanst');
    expect(ids(r.cards)).not.toContain('kvinnojouren');
    expect(r.localMatched).toBe(false);
  });

  it('shared coverage: a jour serving five kommuner appears in each, and only there', () => {
    const shared = rec({ id: 'shared-jour', kind: 'kvinnojour', coverage: { scope: 'local', kommuner: ['0880', '0862', '0885', '0840', '0834'] }, serves: { genders: ['woman'] }, hours: { type: 'always' } });
    for (const kommun of ['0880', '0862', '0885', '0840', '0834']) {
      const r = route(dir(shared), { ...woman, kommun }, TUESDAY_10, closedDays);
      expect(ids(r.cards), kommun).toContain('shared-jour');
      expect(r.localMatched).toBe(true);
    }
    expect(ids(route(dir(shared), { ...woman, kommun: '0881' }, TUESDAY_10, closedDays).cards)).not.toContain('shared-jour');
  });

  it('a whole-län coverage reaches every kommun of the län', () => {
    const lan = rec({ id: 'lan-jour', kind: 'kvinnojour', coverage: { scope: 'local', lan: ['23'] }, serves: { genders: ['woman'] }, hours: { type: 'always' } });
    for (const k of geo.kommunerInLan('23')) expect(ids(route(dir(lan), { ...woman, kommun: k.code }, TUESDAY_10, closedDays).cards)).toContain('lan-jour');
  });

  it('only verified records reach help-seekers', () => {
    const unverified = rec({ id: 'unchecked', kind: 'kvinnojour', status: 'unverified', coverage: { scope: 'local', kommuner: ['0862'] }, hours: { type: 'always' } });
    const inactive = rec({ id: 'closed-down', kind: 'kvinnojour', status: 'inactive', coverage: { scope: 'local', kommuner: ['0862'] }, hours: { type: 'always' } });
    const r = route(dir(unverified, inactive), woman, TUESDAY_10, closedDays);
    expect(ids(r.cards)).not.toContain('unchecked');
    expect(ids(r.cards)).not.toContain('closed-down');
    expect(r.localMatched).toBe(false);
  });

  it('"rather not say": national lines and the socialtjänst of "your kommun", no local match to report', () => {
    const r = route(dir(), { ...woman, kommun: null }, TUESDAY_10, closedDays);
    expect(ids(r.cards)).toContain('kvinnofridslinjen');
    expect(r.cards.find((c) => c.source.type === 'kommun-socialtjanst')?.source).toEqual({ type: 'kommun-socialtjanst' });
    expect(r.localMatched).toBe(false);
  });

  it('always at least one national line, even when many local services fit', () => {
    const many = Array.from({ length: 10 }, (_, i) => rec({ id: `local-${i}`, kind: 'kvinnojour', coverage: { scope: 'local', kommuner: ['0862'] }, serves: { genders: ['woman'] }, hours: { type: 'always' } }));
    const r = route(dir(...many), woman, TUESDAY_10, closedDays);
    expect(r.cards.length).toBe(table.maxCards);
    expect(r.cards.some((c) => !c.local && c.kind === 'helpline')).toBe(true);
  });
});

describe('seed cases on the shipped directory', () => {
  const shipped = new Directory(loadShippedRecords(geo), geo, table);
  const go = (a: Answers, at: Date) => route(shipped, a, at, closedDays);

  it('a woman in Emmaboda on a Saturday at 22:00: the shared socialjour (Sydostjouren) and 24/7 lines lead', () => {
    const r = go(woman, SATURDAY_22);
    expect(ids(r.cards)[0]).toBe('sydostjouren');
    expect(ids(r.cards)).toContain('kvinnofridslinjen');
    expect(r.afterHours).toBe(true);
    expect(r.localMatched).toBe(true);
    expectOpenFirst(r.cards);
  });

  it('a man in Östersund on a weekday morning: the men\'s line and the kommun, nothing for women only', () => {
    const r = go({ danger: 'no', who: 'self', gender: 'man', situation: 'psychological', need: 'talk', kommun: '2380' }, new Date('2026-11-24T08:30:00Z'));
    expect(ids(r.cards)).toEqual(expect.arrayContaining(['stodlinjen-for-man', 'ostersund-socialtjanst']));
    for (const c of r.cards) if (c.source.type === 'record') expect(c.source.record.serves.genders).toContain('man');
    expect(r.afterHours).toBe(false);
  });

  it('a 16-year-old in Norrköping: BRIS first, and the socialtjänst', () => {
    const r = go({ danger: 'no', who: 'young', gender: 'woman', situation: 'physical', need: 'talk', kommun: '0581' }, TUESDAY_10);
    expect(ids(r.cards)[0]).toBe('bris');
    expect(ids(r.cards)).toContain('kommun-socialtjanst');
  });

  it('honour-related in Örebro: Örebro\'s socialtjänst and Rätt att välja lead', () => {
    const honour: Answers = { danger: 'no', who: 'self', gender: 'woman', situation: 'honour', need: 'talk', kommun: '1880' };
    const r = go(honour, TUESDAY_10);
    expect(ids(r.cards).slice(0, 2).sort()).toEqual(['orebro-socialtjanst', 'ratt-att-valja']);
    // At 12:00 its intake line is at lunch (08:30–12:00, 13:00–14:00): it says when it opens, after the open lines.
    const lunch = go(honour, new Date('2026-11-24T11:00:00Z'));
    const card = lunch.cards.find((c) => ids([c])[0] === 'orebro-socialtjanst')!;
    expect(card.status).toEqual({ state: 'closed', opens: { dayOffset: 0, weekday: 1, minutes: 13 * 60 } });
    expectOpenFirst(lunch.cards);
  });

  it('a person who uses violence in a kommun with no local programme: Välj att sluta and the socialtjänst', () => {
    const r = go({ danger: 'no', who: 'uses-violence', kommun: '0512' }, TUESDAY_10);
    expect(ids(r.cards).sort()).toEqual(['kommun-socialtjanst', 'valj-att-sluta']);
  });

  it('"rather not say": only national contacts', () => {
    const r = go({ ...woman, kommun: null }, TUESDAY_10);
    expect(r.cards.every((c) => !c.local || c.source.type === 'kommun-socialtjanst')).toBe(true);
  });

  it('every kommun gets at least one contact open now and at least one national line, at any hour', () => {
    for (const at of [TUESDAY_10, SATURDAY_22, new Date('2026-12-24T02:00:00Z')])
      for (const k of geo.kommuner) {
        const r = go({ ...woman, kommun: k.code }, at);
        expect(r.cards.some((c) => isOpen(c.status)), `${k.name} at ${at.toISOString()}`).toBe(true);
        expect(r.cards.some((c) => !c.local && c.kind === 'helpline')).toBe(true);
      }
  });
});
