/**
 * The chat API as clients use it, including everything a broken or hostile client may send.
 */
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { MemoryConversationStore, StoreFullError } from '../../src/storage/conversation-store.js';
import { Chat, post } from '../helpers/chat.js';
import { startServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ env: { CONVERSATION_TTL_MINUTES: '20' } });
});
afterAll(() => server.close());

function expectShortJsonError(res: { status: number; json: any; text: string }, status: number, error: string) {
  expect(res.status).toBe(status);
  expect(res.json).toMatchObject({ error });
  expect(typeof res.json.message).toBe('string');
  expect(res.text).not.toMatch(/at .*\.(ts|js):\d+/); // no stack trace
  expect(res.text.length).toBeLessThan(600);
}

describe('starting', () => {
  it('issues an unguessable conversation id (at least 128 random bits)', async () => {
    const ids = new Set<string>();
    for (let i = 0; i < 20; i++) {
      const { json } = await post(server.url, { type: 'start' });
      ids.add(json.conversationId);
      expect(json.conversationId).toMatch(/^[A-Za-z0-9_-]{24,}$/);
      expect(Buffer.from(json.conversationId, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    }
    expect(ids.size).toBe(20);
  });

  it('answers with Bot Framework activities: text, locale, suggested actions', async () => {
    const { json, headers } = await post(server.url, { type: 'start' });
    expect(headers.get('cache-control')).toBe('no-store');
    expect(json.locale).toBe('sv');
    expect(json.dir).toBe('ltr');
    const question = json.activities.at(-1);
    expect(question).toMatchObject({ type: 'message', text: 'Är du i fara just nu?', locale: 'sv', inputHint: 'expectingInput' });
    expect(question.suggestedActions.actions).toEqual([
      { type: 'imBack', title: 'Ja, jag är i fara', value: 'yes' },
      { type: 'imBack', title: 'Nej, inte just nu', value: 'no' },
    ]);
  });

  it('picks the language from the browser preferences or Accept-Language', async () => {
    expect((await post(server.url, { type: 'start', languages: ['de-DE', 'en-US'] })).json.locale).toBe('en');
    expect((await post(server.url, { type: 'start' }, { 'accept-language': 'fr;q=0.9, en;q=0.8' })).json.locale).toBe('en');
    expect((await post(server.url, { type: 'start', languages: ['de'] })).json.locale).toBe('sv');
    expect((await post(server.url, { type: 'start', locale: 'en', languages: ['sv'] })).json.locale).toBe('en');
  });

  it('a first message without a conversation starts one and answers it', async () => {
    const { json } = await post(server.url, { text: 'nej' });
    expect(json.conversationId).toBeTruthy();
    expect(json.activities.at(-1).text).toBe('Vem gäller det?');
  });

  it('"start" with a live id begins again under a new id and wipes the old one', async () => {
    const chat = new Chat(server.url);
    await chat.start();
    const old = chat.id!;
    const { json } = await post(server.url, { type: 'start', conversationId: old });
    expect(json.conversationId).not.toBe(old);
    expect(await server.app.conversation.runtime.exists(old)).toBe(false);
  });
});

describe('unknown, expired and ended conversations', () => {
  it('an unknown id starts a fresh conversation (with a new id) and says so', async () => {
    const unknown = 'AAAAAAAAAAAAAAAAAAAAAAAA';
    const { status, json } = await post(server.url, { conversationId: unknown, text: 'ja' });
    expect(status).toBe(200);
    expect(json.conversationId).not.toBe(unknown);
    expect(json.activities[0].text).toBe(server.app.texts.t('sv')('chat:system.expired'));
    expect(json.activities.at(-1).text).toBe('Är du i fara just nu?');
  });

  it('state expires after the idle time, and activity keeps it alive', async () => {
    const chat = new Chat(server.url);
    await chat.start();
    server.clock.advance(19 * 60_000);
    await chat.press('no'); // touches the conversation
    server.clock.advance(19 * 60_000);
    expect(await server.app.conversation.runtime.exists(chat.id!)).toBe(true);
    server.clock.advance(2 * 60_000);
    expect(await server.app.conversation.runtime.exists(chat.id!)).toBe(false);
    const before = chat.id;
    await chat.press('self');
    expect(chat.id).not.toBe(before);
    expect(chat.texts[0]).toBe(server.app.texts.t('sv')('chat:system.expired'));
  });

  it('DELETE wipes the conversation at once: 204, and the id is unknown after', async () => {
    const chat = new Chat(server.url);
    await chat.start();
    const res = await fetch(`${server.url}/api/chat/${chat.id}`, { method: 'DELETE' });
    expect(res.status).toBe(204);
    expect(await server.app.conversation.runtime.exists(chat.id!)).toBe(false);
  });

  it('POST …/end (for sendBeacon, text/plain body ignored) wipes it too', async () => {
    const chat = new Chat(server.url);
    await chat.start();
    const res = await fetch(`${server.url}/api/chat/${chat.id}/end`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'bye' });
    expect(res.status).toBe(204);
    expect(await server.app.conversation.runtime.exists(chat.id!)).toBe(false);
  });

  it('ending an unknown id is fine; a malformed id is a 400', async () => {
    expect((await fetch(`${server.url}/api/chat/AAAAAAAAAAAAAAAAAAAAAAAA`, { method: 'DELETE' })).status).toBe(204);
    const res = await fetch(`${server.url}/api/chat/..%2F..%2Fetc`, { method: 'DELETE' });
    expect(res.status).toBe(400);
  });
});

describe('bad input changes nothing and gets a short JSON error', () => {
  it('malformed JSON → 400 invalid_json', async () => {
    expectShortJsonError(await post(server.url, '{"text": "hej'), 400, 'invalid_json');
  });

  it('a body over 4 KB → 413', async () => {
    expectShortJsonError(await post(server.url, { text: 'x'.repeat(5000) }), 413, 'too_large');
  });

  it('text over 500 characters → 400 naming the field', async () => {
    const res = await post(server.url, { text: 'å'.repeat(501) });
    expectShortJsonError(res, 400, 'invalid_request');
    expect(res.json.fields.text[0]).toMatch(/500/);
  });

  it.each([
    [{ text: 42 }, 'text'],
    [{ type: 'restart' }, 'type'],
    [{ conversationId: 'short' }, 'conversationId'],
    [{ kommun: 'Kalmar' }, 'kommun'],
    [{ languages: 'sv' }, 'languages'],
    [{ text: 'hej', extra: true }, 'extra'],
    [[1, 2, 3], '(body)'],
    ['"just a string"', '(body)'],
    ['null', '(body)'],
  ])('wrong types %j → 400 naming %s', async (body, field) => {
    const res = await post(server.url, body);
    expectShortJsonError(res, 400, 'invalid_request');
    expect(Object.keys(res.json.fields)).toContain(field);
  });

  it('a message to a live conversation needs text or value', async () => {
    const chat = new Chat(server.url);
    await chat.start();
    expectShortJsonError(await post(server.url, { conversationId: chat.id }), 400, 'invalid_request');
  });

  it('a language picked from a menu (locale alone) switches and asks the same question again', async () => {
    const chat = new Chat(server.url);
    await chat.start();
    await chat.press('no');
    const { status, json } = await post(server.url, { conversationId: chat.id, locale: 'en' });
    expect(status).toBe(200);
    expect(json.locale).toBe('en');
    const texts = json.activities.map((a: { text?: string }) => a.text).filter(Boolean);
    expect(texts).toEqual(['I will write in English now.', 'Who is this about?']);
  });

  it('not JSON → 415', async () => {
    const res = await fetch(`${server.url}/api/chat`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hej' });
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({ error: 'unsupported_media_type' });
  });

  it('a bad request changes nothing: the conversation goes on where it was', async () => {
    const chat = new Chat(server.url);
    await chat.start();
    await chat.press('no');
    await post(server.url, { conversationId: chat.id, text: 7 });
    await post(server.url, `{"conversationId":"${chat.id}","text":`);
    await chat.press('self');
    expect(chat.texts.at(-1)).toBe(server.app.texts.t('sv')('chat:gender.question'));
  });

  it('unknown paths are JSON 404s; /healthz answers', async () => {
    const res = await fetch(`${server.url}/api/nothing`, { headers: { accept: 'application/json' } });
    expect(res.status).toBe(404);
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });
});

describe('Bot Framework channel endpoint', () => {
  it('/api/messages is not mounted without Microsoft app credentials', async () => {
    const res = await fetch(`${server.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ type: 'message', text: 'hej', serviceUrl: 'http://127.0.0.1:9/', conversation: { id: 'c' }, channelId: 'x', from: { id: 'u' }, recipient: { id: 'b' } }),
    });
    expect(res.status).toBe(404);
  });

  it('with credentials it is mounted and refuses unauthenticated requests', async () => {
    const withCreds = await startServer({ env: { MICROSOFT_APP_ID: '00000000-0000-0000-0000-000000000000', MICROSOFT_APP_PASSWORD: 'not-a-real-secret' } });
    try {
      const res = await fetch(`${withCreds.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ type: 'message', text: 'hej', serviceUrl: 'http://127.0.0.1:9/', conversation: { id: 'c' }, channelId: 'x', from: { id: 'u' }, recipient: { id: 'b' } }),
      });
      expect(res.status).toBe(401);
    } finally {
      await withCreds.close();
    }
  });
});

describe('capacity', () => {
  it('when the cap on live conversations is reached, new ones get a polite busy answer with Kvinnofridslinjen', async () => {
    const small = await startServer({ env: { MAX_CONVERSATIONS: '10' } });
    try {
      const live: Chat[] = [];
      for (let i = 0; i < 10; i++) {
        const c = new Chat(small.url);
        await c.start();
        live.push(c);
      }
      const res = await post(small.url, { type: 'start' });
      expect(res.status).toBe(503);
      expect(res.headers.get('retry-after')).toBe('60');
      expect(res.json.activities[0].text).toContain('020-50 50 50');
      // Those already talking are not thrown out.
      await live[0]!.press('no');
      expect(live[0]!.texts.at(-1)).toBe('Vem gäller det?');
    } finally {
      await small.close();
    }
  });
});

describe('the in-memory conversation store', () => {
  afterEach(() => vi.useRealTimers());

  it('forgets entries after the idle time (fake timers), and sweeps them', async () => {
    vi.useFakeTimers();
    const store = new MemoryConversationStore({ ttlMs: 60_000, maxEntries: 3, sweepMs: 10_000 });
    await store.set('a', '1');
    vi.advanceTimersByTime(30_000);
    await store.set('b', '2');
    vi.advanceTimersByTime(31_000);
    expect(await store.get('a')).toBeUndefined();
    expect(await store.get('b')).toBe('2');
    expect(await store.size()).toBe(1);
    vi.advanceTimersByTime(60_000);
    expect(await store.size()).toBe(0);
    await store.close();
  });

  it('refuses a new entry beyond its cap, but updates existing ones', async () => {
    const store = new MemoryConversationStore({ ttlMs: 60_000, maxEntries: 2 });
    await store.set('a', '1');
    await store.set('b', '1');
    await expect(store.set('c', '1')).rejects.toBeInstanceOf(StoreFullError);
    await store.set('a', '2');
    expect(await store.get('a')).toBe('2');
    expect(await store.delete('a')).toBe(true);
    await store.set('c', '1');
    await store.close();
  });
});
