/**
 * What a conversation through the HTTP API adds to the counters: the right names under the right
 * day, kommun and language, each at most once per conversation however often she answers again.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { periodCounts } from '../../src/stats/aggregate.js';
import { GROUPS } from '../../src/stats/catalogue.js';
import { publishMonth } from '../../src/stats/cube.js';
import { Chat } from '../helpers/chat.js';
import { startServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer(); // Tuesday 24 November 2026, 10:30 in Stockholm
});
afterAll(() => server.close());

/** Every count written so far, flattened to "date|kommun|locale|name" → n. */
async function counts(): Promise<Map<string, number>> {
  await server.app.stats.flush();
  const out = new Map<string, number>();
  for (const [date, areas] of Object.entries(server.app.statsStore.read().days))
    for (const [kommun, locales] of Object.entries(areas))
      for (const [locale, names] of Object.entries(locales)) for (const [name, n] of Object.entries(names)) out.set(`${date}|${kommun}|${locale}|${name}`, n);
  return out;
}

function added(before: Map<string, number>, after: Map<string, number>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [k, n] of after) if (n !== (before.get(k) ?? 0)) out[k] = n - (before.get(k) ?? 0);
  return out;
}

async function fullConversation(chat: Chat): Promise<void> {
  await chat.start({ kommun: '0880', languages: ['sv'] });
  for (const value of ['no', 'self', 'woman', 'physical', 'talk', 'yes']) await chat.press(value);
}

describe('counting through the chat API', () => {
  it('a full conversation on Kalmar\'s site adds each of its events once, under the day, Kalmar and Swedish', async () => {
    const before = await counts();
    const hoursBefore = structuredClone(server.app.statsStore.read().hours);
    const chat = new Chat(server.url);
    await fullConversation(chat);
    expect(chat.contacts.length).toBeGreaterThan(0);
    const diff = added(before, await counts());
    const at = (name: string) => diff[`2026-11-24|0880|sv|${name}`];
    expect(at('started')).toBe(1);
    expect(at('who.self')).toBe(1);
    expect(at('situation.physical')).toBe(1);
    expect(at('need.talk')).toBe(1);
    expect(at('kommun.given')).toBe(1);
    expect(at('contacts')).toBe(1);
    expect(at('completed')).toBe(1);
    expect(at('danger.answer')).toBeUndefined();
    // At least one kind of contact, each kind once; the gender answer is not counted at all.
    const kinds = Object.keys(diff).filter((k) => k.includes('|kind.'));
    expect(kinds.length).toBeGreaterThan(0);
    for (const k of kinds) expect(diff[k]).toBe(1);
    expect(Object.keys(diff).some((k) => k.includes('gender') || k.includes('woman'))).toBe(false);
    // Every count of this conversation went to Kalmar in Swedish on that day.
    expect(Object.keys(diff).every((k) => k.startsWith('2026-11-24|0880|sv|'))).toBe(true);
    // The hour of the start: Tuesday 10:00–11:00, under Kalmar län (08) in the week-based November.
    await server.app.stats.flush();
    const hours = server.app.statsStore.read().hours;
    expect((hours['2026-11']?.['08']?.['2-10'] ?? 0) - (hoursBefore['2026-11']?.['08']?.['2-10'] ?? 0)).toBe(1);
  });

  it('answering again and starting over inside one conversation does not count twice', async () => {
    const chat = new Chat(server.url);
    await fullConversation(chat);
    const before = await counts();
    await chat.say('börja om');
    for (const value of ['yes', 'continue', 'self', 'man', 'sexual', 'shelter', 'yes']) await chat.press(value);
    const diff = added(before, await counts());
    // Only what this conversation had not produced before: danger yes (112 shown).
    expect(diff).toEqual({ '2026-11-24|0880|sv|danger.answer': 1 });
  });

  it('"no kommun" counts under none; the exit endpoint of a live conversation counts one exit', async () => {
    const before = await counts();
    const chat = new Chat(server.url);
    await chat.start({ languages: ['en'] });
    for (const value of ['no', 'relative', 'psychological', 'legal', 'unsaid']) await chat.press(value);
    const id = chat.id!;
    expect((await fetch(`${server.url}/api/chat/${id}`, { method: 'DELETE' })).status).toBe(204);
    // Ending it again, or a conversation that never existed, counts nothing.
    await fetch(`${server.url}/api/chat/${id}/end`, { method: 'POST' });
    await fetch(`${server.url}/api/chat/${'A'.repeat(24)}`, { method: 'DELETE' });
    const diff = added(before, await counts());
    expect(diff['2026-11-24|none|en|kommun.unsaid']).toBe(1);
    expect(diff['2026-11-24|none|en|exit']).toBe(1);
    expect(diff['2026-11-24|none|en|who.relative']).toBe(1);
    expect(Object.keys(diff).every((k) => k.startsWith('2026-11-24|none|en|'))).toBe(true);
  });

  it('the counts of real conversations keep every identity the small-number protection relies on', async () => {
    await server.app.stats.flush();
    const counts = periodCounts(server.app.statsStore.read(), 2026, server.app.geo);
    // (Before the next test, which records a made-up turn.) publishMonth checks every identity (contacts = kommun named + not named, …) and throws if one fails.
    for (const group of GROUPS) expect(publishMonth({ group, counts, year: 2026, month: 11, geo: server.app.geo, threshold: 5 }).internals().problem.cells.length, group.id).toBeGreaterThan(0);
  });

  it('values outside the fixed list never reach the store', async () => {
    const before = await counts();
    const now = server.clock.now();
    server.app.stats.record([{ type: 'answer', slot: 'who', value: 'zq-free-text' }, { type: 'contacts', kinds: ['<script>'], localMatched: true, afterHours: false }], { locale: 'sv', kommun: '9999', now });
    server.app.stats.record([{ type: 'started' }], { locale: 'xx' as never, kommun: '0880', now });
    const diff = added(before, await counts());
    expect(diff).toEqual({ '2026-11-24|none|sv|contacts': 1 });
  });

});
