/**
 * The counters in a real server process: many conversations that type unique markers; then the
 * statistics file (and every file in DATA_DIR) holds none of them and nothing per conversation;
 * the counts survive a normal shutdown (SIGTERM writes the last batch); and a SIGKILL while
 * conversations are counted and flushed every second leaves a store that loads.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LowdbCountersRepository } from '../../src/storage/counters-repository.js';
import { Chat } from '../helpers/chat.js';
import { startProcess, type ServerProcess } from '../helpers/process.js';

const marker = () => `zq${randomBytes(6).toString('hex')}x`;
let dataDir: string;
let server: ServerProcess | undefined;

beforeAll(() => {
  dataDir = mkdtempSync(join(tmpdir(), 'vv-stats-'));
});
afterAll(async () => {
  if (server && server.child.exitCode === null && !server.child.signalCode) await server.stop();
  rmSync(dataDir, { recursive: true, force: true });
});

/** Every key and leaf of the stats file, checked against what a counter may be. */
function checkShape(file: string): { started: number } {
  const data = JSON.parse(readFileSync(file, 'utf8'));
  expect(Object.keys(data).sort()).toEqual(['days', 'format', 'hours']);
  let started = 0;
  for (const [date, areas] of Object.entries<any>(data.days)) {
    expect(date).toMatch(/^\d{4}-\d{2}-\d{2}$/); // a day, nothing finer
    for (const [kommun, locales] of Object.entries<any>(areas)) {
      expect(kommun).toMatch(/^(\d{4}|none)$/);
      for (const [locale, names] of Object.entries<any>(locales)) {
        expect(locale).toMatch(/^[a-z]{2}(-x-ll)?$/);
        for (const [name, n] of Object.entries<any>(names)) {
          expect(name).toMatch(/^[a-z][a-zA-Z]*(\.[a-z][a-zA-Z-]*)?$/);
          expect(Number.isInteger(n) && n > 0).toBe(true);
          if (name === 'started') started += n;
        }
      }
    }
  }
  for (const [month, lans] of Object.entries<any>(data.hours)) {
    expect(month).toMatch(/^\d{4}-\d{2}$/);
    for (const [lan, hours] of Object.entries<any>(lans)) {
      expect(lan).toMatch(/^(\d{2}|none)$/); // län, never a kommun
      for (const [h, n] of Object.entries<any>(hours)) {
        expect(h).toMatch(/^[1-7]-\d{2}$/);
        expect(Number.isInteger(n)).toBe(true);
      }
    }
  }
  return { started };
}

describe('statistics in a server process', () => {
  const markers: string[] = [];
  const ids: string[] = [];
  let counted = 0;

  it('counts many conversations full of typed markers, and a normal shutdown writes the last batch', async () => {
    // A long interval: only the shutdown can have written these counts.
    server = await startProcess({ DATA_DIR: dataDir, STATS_FLUSH_SECONDS: '3600', CHAT_RATE_LIMIT_PER_MINUTE: '100000' });
    for (let i = 0; i < 24; i++) {
      const chat = new Chat(server.url);
      const m = () => {
        const x = marker();
        markers.push(x);
        return x;
      };
      await chat.start({ kommun: i % 3 ? '0880' : undefined, languages: [i % 4 ? 'sv' : 'en'] });
      expect(chat.id).toMatch(/^[\w-]{24}$/);
      ids.push(chat.id!);
      await chat.say(m()); // not an answer
      await chat.press('no');
      await chat.say(`jag ${m()} vet inte`);
      await chat.press(i % 2 ? 'self' : 'relative');
      if (chat.choiceValues.includes('woman')) await chat.press('woman');
      await chat.press('physical');
      await chat.press('talk');
      if (i % 3) await chat.press('yes');
      else await chat.say(`${m()}köping`); // a kommun nobody has heard of
      if (i % 5 === 0) await fetch(`${server.url}/api/chat/${chat.id}`, { method: 'DELETE' });
    }
    expect(await server.stop('SIGTERM')).toBe(0);
    counted = checkShape(join(dataDir, 'stats.json')).started;
    expect(counted).toBe(24);
  });

  it('no file in DATA_DIR holds a marker, a conversation id or a time of day', () => {
    const files = readdirSync(dataDir).filter((f) => !f.endsWith('.pid') && !f.endsWith('.lock'));
    expect(files).toContain('stats.json');
    for (const f of files) {
      const text = readFileSync(join(dataDir, f), 'latin1');
      for (const m of markers) expect(text, f).not.toContain(m);
      for (const id of ids) expect(text, f).not.toContain(id);
    }
    expect(readFileSync(join(dataDir, 'stats.json'), 'utf8')).not.toMatch(/\d{2}:\d{2}|T\d{2}/);
  });

  it('a SIGKILL while counts are flushed every second leaves a store that loads, with the earlier counts', async () => {
    server = await startProcess({ DATA_DIR: dataDir, STATS_FLUSH_SECONDS: '1', CHAT_RATE_LIMIT_PER_MINUTE: '100000' });
    const url = server.url;
    let stop = false;
    const talk = async () => {
      while (!stop) {
        const chat = new Chat(url);
        try {
          await chat.start({ kommun: '0880' });
          for (const v of ['no', 'self', 'woman', 'physical', 'talk', 'yes']) await chat.press(v);
        } catch {
          return; // the server is gone
        }
      }
    };
    const talking = Promise.all([talk(), talk(), talk()]);
    await new Promise((r) => setTimeout(r, 3500)); // several flushes
    server.child.kill('SIGKILL');
    stop = true;
    await talking;
    await new Promise((resolve) => (server!.child.exitCode !== null || server!.child.signalCode ? resolve(true) : server!.child.on('exit', () => resolve(true))));
    expect(server.child.signalCode).toBe('SIGKILL');
    const file = join(dataDir, 'stats.json');
    const repo = await LowdbCountersRepository.open(file); // validates, or throws
    expect(repo.read().days).toBeDefined();
    const after = checkShape(file).started;
    // The batches written before the kill are there; at most the last second's counts are lost.
    expect(after).toBeGreaterThan(counted);
  }, 30_000);
});
