/**
 * Property-based tests of /api/chat: whatever arrives — random JSON, huge or deeply nested bodies,
 * invalid UTF-8, control characters, every Unicode plane, wrong types, duplicated or expired ids —
 * the answer is a normal reply or a short JSON error, never a 5xx, and the server keeps serving.
 *
 * FUZZ_RUNS raises the number of runs (`npm run fuzz` uses 2000).
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Chat } from '../helpers/chat.js';
import { startServer, type TestServer } from '../helpers/server.js';

const RUNS = Number(process.env.FUZZ_RUNS ?? 150);
let server: TestServer;
let live: Chat;
beforeAll(async () => {
  server = await startServer();
  live = new Chat(server.url);
  await live.start();
});
afterAll(() => server.close());

async function send(body: string | Uint8Array, contentType = 'application/json'): Promise<{ status: number; text: string; type: string | null }> {
  const res = await fetch(`${server.url}/api/chat`, { method: 'POST', headers: { 'content-type': contentType }, body: typeof body === 'string' ? body : Buffer.from(body) });
  return { status: res.status, text: await res.text(), type: res.headers.get('content-type') };
}

/** A normal answer, or a short JSON error; never a 5xx, never a stack trace. */
function expectSane(r: { status: number; text: string; type: string | null }): void {
  expect([200, 400, 413, 415, 429, 503]).toContain(r.status);
  expect(r.type).toMatch(/application\/json/);
  const body = JSON.parse(r.text);
  if (r.status === 200) expect(Array.isArray(body.activities)).toBe(true);
  else {
    expect(typeof body.error).toBe('string');
    expect(r.text.length).toBeLessThan(2000);
  }
  expect(r.text).not.toMatch(/\n\s+at [\w.<>]+ \(/); // stack frames
}

const anyText = fc.oneof(fc.string({ unit: 'grapheme', maxLength: 600 }), fc.string({ unit: 'binary', maxLength: 600 }), fc.string({ unit: fc.constantFrom('\u0000', '\u0007', '\u001b', '\u200f', '\ufeff', '\ud800', '\udfff', '𝕏', '\u0085', '\u2028'), maxLength: 50 }));

describe('fuzzing /api/chat', () => {
  it('field names that are also names on Object.prototype (found by this test: "valueOf" gave a 500)', async () => {
    for (const key of ['valueOf', 'toString', '__proto__', 'constructor', 'hasOwnProperty', 'prototype']) {
      const r = await send(`{"${key}": [], "text": "nej"}`);
      expectSane(r);
      expect(r.status, key).toBe(400);
      expect(JSON.parse(r.text).fields, key).toHaveProperty([key]);
    }
  });

  it('random JSON values as the body', async () => {
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 6 }), async (value) => expectSane(await send(JSON.stringify(value)))),
      { numRuns: RUNS },
    );
  });

  it('the right fields with wrong or odd types and values', async () => {
    const field = fc.oneof(anyText, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.string(), { maxLength: 5 }), fc.object({ maxDepth: 2 }));
    await fc.assert(
      fc.asyncProperty(
        fc.record({ conversationId: fc.oneof(field, fc.constant(live.id)), type: fc.oneof(field, fc.constantFrom('start', 'message')), text: field, value: field, locale: field, languages: field, kommun: field }, { requiredKeys: [] }),
        async (body) => expectSane(await send(JSON.stringify(body))),
      ),
      { numRuns: RUNS },
    );
  });

  it('any text typed into a live conversation gets a normal answer, and the conversation goes on', async () => {
    await fc.assert(
      fc.asyncProperty(anyText.filter((t) => t.length <= 500), async (text) => {
        const r = await send(JSON.stringify({ conversationId: live.id, text }));
        expectSane(r);
        expect(r.status).toBe(200);
        const body = JSON.parse(r.text);
        if (body.conversationId === null) await live.start(); // she typed "exit" in some language
        else live.id = body.conversationId;
      }),
      { numRuns: RUNS },
    );
  });

  it('raw bytes: invalid UTF-8, truncated JSON, deep nesting, over-long bodies, other content types', async () => {
    const deep = `${'['.repeat(3000)}${']'.repeat(3000)}`;
    const bodies = fc.oneof(
      fc.uint8Array({ maxLength: 600 }),
      fc.constantFrom(new Uint8Array([0x7b, 0x22, 0x74, 0x65, 0x78, 0x74, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0xfe, 0x22, 0x7d]), new TextEncoder().encode(deep), new TextEncoder().encode(`{"text":"${'x'.repeat(10_000)}"}`), new TextEncoder().encode('{"text": "unterminated')),
    );
    const types = fc.constantFrom('application/json', 'application/json; charset=latin1', 'application/json; charset=utf-16', 'text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=x');
    await fc.assert(
      fc.asyncProperty(bodies, types, async (body, type) => expectSane(await send(body, type))),
      { numRuns: RUNS },
    );
  });

  it('the same conversation id from many requests at once, and expired ids', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.constantFrom('no', 'self', 'woman', 'physical', 'ja', 'hjälp', 'börja om'), { minLength: 2, maxLength: 12 }), async (answers) => {
        const chat = new Chat(server.url);
        await chat.start();
        const results = await Promise.all(answers.map((text) => send(JSON.stringify({ conversationId: chat.id, text }))));
        for (const r of results) {
          expectSane(r);
          expect(r.status).toBe(200);
        }
        await fetch(`${server.url}/api/chat/${chat.id}`, { method: 'DELETE' });
        const expired = await send(JSON.stringify({ conversationId: chat.id, text: answers[0] }));
        expectSane(expired);
        expect(JSON.parse(expired.text).conversationId).not.toBe(chat.id);
      }),
      { numRuns: Math.max(20, RUNS / 5) },
    );
  });

  it('keeps serving afterwards', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const chat = new Chat(server.url);
    await chat.start();
    await chat.press('no');
    expect(chat.texts.at(-1)).toBe('Vem gäller det?');
  });
});
