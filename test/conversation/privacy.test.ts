/**
 * Nothing a person types may reach a disk, a log or the statistics. A real server process gets
 * conversations full of unique markers — in answers, kommun names, danger messages, broken
 * requests and headers — and afterwards no file it wrote and nothing it printed holds any of them.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { paths } from '../../src/paths.js';
import { Chat, post } from '../helpers/chat.js';
import { startProcess, type ServerProcess } from '../helpers/process.js';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = join(dir, name);
    const s = statSync(full);
    return s.isDirectory() ? filesUnder(full) : [full];
  });
}

/** Files changed since `since` anywhere the process could write: the checkout (minus node_modules and .git) and the temp folder. */
function changedSince(since: number, roots: string[]): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    let names: string[];
    try {
      names = readdirSync(dir);
    } catch {
      return;
    }
    for (const name of names) {
      if (name === 'node_modules' || name === '.git') continue;
      const full = join(dir, name);
      let s;
      try {
        s = statSync(full);
      } catch {
        continue;
      }
      if (s.isDirectory()) walk(full);
      else if (s.mtimeMs >= since) out.push(full);
    }
  };
  roots.forEach(walk);
  return out;
}

const marker = () => `zq${randomBytes(6).toString('hex')}x`;

let server: ServerProcess;
let dataDir: string;
let started: number;
const markers: string[] = [];
let exitCode: number | null;

beforeAll(async () => {
  dataDir = mkdtempSync(join(tmpdir(), 'vv-privacy-'));
  started = Date.now() - 1000;
  server = await startProcess({ DATA_DIR: dataDir });
  const m = () => {
    const x = marker();
    markers.push(x);
    return x;
  };

  // Whole conversations with markers wherever a person can type.
  for (let i = 0; i < 5; i++) {
    const chat = new Chat(server.url);
    await chat.start({ languages: [`x-${m()}`] });
    await chat.say(`jag vet inte ${m()}`);
    await chat.say(m());
    await chat.press('no');
    await chat.say(`han är här ${m()}`); // danger words with a marker
    await chat.press('self');
    await chat.press('woman');
    await chat.say(`det är svårt att förklara ${m()}`);
    await chat.press('physical');
    await chat.press('talk');
    await chat.say(`${m()}köping`); // as a kommun name
    await chat.say(`Kalmar ${m()}`);
    await chat.say(`avsluta ${m()}`);
  }
  // Broken requests and odd places.
  await post(server.url, `{"text":"${m()}`);
  await post(server.url, { text: m().repeat(60) });
  await post(server.url, { text: 42, note: m() });
  await post(server.url, { conversationId: `${m()}AAAAAAAAAAAAAAAA`, text: m() });
  await post(server.url, { text: m() }, { 'user-agent': m(), 'x-forwarded-for': '203.0.113.9', 'accept-language': `${m()};q=1` });
  await fetch(`${server.url}/api/chat/${m()}AAAAAAAAAAAA/end`, { method: 'POST', body: m() });
  await fetch(`${server.url}/${m()}`);
  exitCode = await server.stop('SIGTERM');
});

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

describe('privacy: nothing a person types is kept', () => {
  it('the server ran and stopped cleanly, and did write its data folder', () => {
    expect(exitCode).toBe(0);
    expect(server.output()).toContain('"event":"listening"');
    expect(filesUnder(dataDir).length).toBeGreaterThan(0);
    expect(markers.length).toBeGreaterThanOrEqual(50);
  });

  it('no file in DATA_DIR holds a marker', () => {
    for (const file of filesUnder(dataDir)) {
      const text = readFileSync(file, 'utf8');
      for (const x of markers) expect(text.includes(x), `${x} in ${file}`).toBe(false);
    }
  });

  it('the process wrote nowhere else, and no file changed during the test holds a marker', () => {
    const changed = changedSince(started, [paths.root, tmpdir()]).filter((f) => !f.startsWith(dataDir));
    for (const file of changed) {
      let text: string;
      try {
        text = readFileSync(file, 'utf8');
      } catch {
        continue;
      }
      for (const x of markers) expect(text.includes(x), `${x} in ${file}`).toBe(false);
    }
  });

  it('nothing it printed holds a marker, an IP address or a conversation id', () => {
    const out = server.output();
    for (const x of markers) expect(out.includes(x), x).toBe(false);
    expect(out).not.toContain('203.0.113.9');
    expect(out).not.toContain('127.0.0.1:');
    expect(out).not.toMatch(/[A-Za-z0-9_-]{24}"/);
  });
});
