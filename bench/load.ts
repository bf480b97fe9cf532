/**
 * npm run load -- [--url URL] [--conversations 1000] [--seconds 60] [--privacy]
 *
 * Holds many concurrent triage conversations against a server and reports errors and latency.
 * Without --url it starts its own server (bench/server.ts, conversations expiring after 1 minute)
 * and also checks that memory does not grow once the conversations have expired.
 * --privacy types a unique marker in every typed answer (10,000 conversations) and then searches
 * every file the server wrote and everything it printed for them.
 */
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { paths } from '../src/paths.js';
import { CONVERSATION, type LoadResult } from './conversation-load.js';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1]! : fallback;
};
const privacy = args.includes('--privacy');
const conversations = Number(opt('conversations', '1000'));
const seconds = Number(opt('seconds', '60'));
const external = args.includes('--url') ? opt('url', '') : undefined;

function runLoad(url: string, extra: Record<string, unknown>) {
  const out = execFileSync(process.execPath, ['--import', 'tsx', 'bench/conversation-load.ts', JSON.stringify({ url, ...extra })], { cwd: paths.root, encoding: 'utf8', maxBuffer: 1 << 24 });
  return JSON.parse(out.trim().split('\n').at(-1)!) as LoadResult;
}

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((n) => (statSync(join(dir, n)).isDirectory() ? filesUnder(join(dir, n)) : [join(dir, n)]));
}

async function main(): Promise<void> {
  let url = external;
  let output = '';
  let child: ReturnType<typeof spawn> | undefined;
  const dataDir = mkdtempSync(join(tmpdir(), 'vv-load-'));
  if (!url) {
    child = spawn(process.execPath, ['--expose-gc', '--import', 'tsx', 'bench/server.ts'], {
      cwd: paths.root,
      env: { ...process.env, PORT: '0', DATA_DIR: dataDir, CONVERSATION_TTL_MINUTES: '1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d) => (output += d));
    child.stderr!.on('data', (d) => (output += d));
    url = await new Promise<string>((resolve) => {
      const check = () => {
        const m = output.match(/"event":"listening","port":(\d+)/);
        if (m) resolve(`http://127.0.0.1:${m[1]}`);
      };
      child!.stdout!.on('data', check);
    });
  }
  const memory = async () => (child ? ((await (await fetch(`${url}/bench/memory`)).json()) as { heapUsed: number; rss: number; live: number }) : undefined);
  const mb = (b?: number) => (b === undefined ? 'n/a' : `${(b / 2 ** 20).toFixed(1)} MB`);

  const before = await memory();
  const markerPrefix = privacy ? `zq${randomBytes(4).toString('hex')}` : undefined;
  process.stderr.write(privacy ? `privacy run: 10,000 conversations typing markers ${markerPrefix}<n>x …\n` : `${conversations} concurrent conversations for ${seconds} s against ${url} …\n`);
  const result = privacy
    ? runLoad(url, { connections: 200, amount: 10_000 * (CONVERSATION.length + 1), markerPrefix, exit: true })
    : runLoad(url, { connections: conversations, durationSeconds: seconds, exit: true });
  const peak = await memory();
  let after: Awaited<ReturnType<typeof memory>>;
  if (child) {
    process.stderr.write('waiting for the conversations to expire (1 minute idle, then a sweep) …\n');
    await new Promise((r) => setTimeout(r, 80_000));
    after = await memory();
  }

  const lines = [
    `requests ${result.requests}, ${Math.round(result.throughput)} turns/s, p50 ${result.p50} ms, p99 ${result.p99} ms`,
    `errors ${result.errors + result.non2xx} (goal 0): ${result.timeouts} timeouts, ${result.errors - result.timeouts} other connection errors, status codes ${JSON.stringify(result.statusCodes)}`,
  ];
  if (child) lines.push(`heap: before ${mb(before?.heapUsed)}, at the end of the load ${mb(peak?.heapUsed)} (${peak?.live} live conversations), after expiry ${mb(after?.heapUsed)} (${after?.live} live); growth after expiry ${mb((after?.heapUsed ?? 0) - (before?.heapUsed ?? 0))}`);

  let leaks = 0;
  if (child) {
    child.kill('SIGTERM');
    await new Promise((r) => child!.on('exit', r));
    if (markerPrefix) {
      for (const file of filesUnder(dataDir)) if (readFileSync(file, 'utf8').includes(markerPrefix)) (leaks++, lines.push(`LEAK: ${file} holds a marker`));
      if (output.includes(markerPrefix)) (leaks++, lines.push('LEAK: the server printed a marker'));
      lines.push(`privacy: ${leaks === 0 ? 'no marker in any file the server wrote or in anything it printed' : `${leaks} leaks`}`);
    }
  }
  rmSync(dataDir, { recursive: true, force: true });
  process.stdout.write(`${lines.join('\n')}\n`);
  process.exit(result.errors + result.non2xx + leaks > 0 ? 1 : 0);
}

void main();
