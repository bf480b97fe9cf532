/**
 * The chat API is rate-limited per client address, in memory only; the exit is never limited.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientKeyOf } from '../../src/http/rate-limit.js';
import { Chat, post } from '../helpers/chat.js';
import { startServer, type TestServer } from '../helpers/server.js';

let server: TestServer;
beforeAll(async () => {
  server = await startServer({ env: { CHAT_RATE_LIMIT_PER_MINUTE: '5' } });
});
afterAll(() => server.close());

describe('rate limiting of /api/chat', () => {
  it('answers 429 with Retry-After and a message that still gives 112 and Kvinnofridslinjen, until the window ends', async () => {
    const chat = new Chat(server.url);
    await chat.start();
    for (let i = 0; i < 4; i++) expect((await post(server.url, { conversationId: chat.id, value: 'no' })).status).toBe(200);
    const refused = await post(server.url, { conversationId: chat.id, value: 'no' }, { 'accept-language': 'en' });
    expect(refused.status).toBe(429);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(refused.json).toMatchObject({ error: 'rate_limited', locale: 'en' });
    expect(refused.json.message).toContain('112');
    expect(refused.json.activities[0].text).toContain('020-50 50 50');

    // Ending the conversation (the exit) is never limited.
    const end = await fetch(`${server.url}/api/chat/${chat.id}/end`, { method: 'POST' });
    expect(end.status).toBe(204);

    server.clock.advance(61_000);
    expect((await post(server.url, { type: 'start' })).status).toBe(200);
  });
});

describe('client keys', () => {
  it('IPv4 as is, IPv4-mapped IPv6 as IPv4, IPv6 by its /64', () => {
    expect(clientKeyOf('203.0.113.9')).toBe('203.0.113.9');
    expect(clientKeyOf('::ffff:203.0.113.9')).toBe('203.0.113.9');
    expect(clientKeyOf('2001:db8:1234:5678:aaaa:bbbb:cccc:dddd')).toBe('2001:db8:1234:5678::/64');
    expect(clientKeyOf('2001:db8:1234:5678::1')).toBe('2001:db8:1234:5678::/64');
    expect(clientKeyOf('2001:0db8:0000:0000::1')).toBe('2001:db8:0:0::/64');
    expect(clientKeyOf('::1')).toBe('0:0:0:0::/64');
    expect(clientKeyOf(undefined)).toBe('unknown');
  });
});
