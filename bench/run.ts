/**
 * npm run bench: every figure in one run on one machine, so that ratios hold. Prints a table and
 * writes test-output/bench.json. Each load runs in its own process (autocannon), apart from the
 * server under test. BENCH_SECONDS (default 10) sets the length of each load.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { paths } from '../src/paths.js';
import type { LoadResult } from './conversation-load.js';
import type { OpenLoopResult } from './open-loop.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const root = paths.root;
const tsx = ['--import', 'tsx'];

function startServer(script: string[], env: Record<string, string>): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(process.execPath, script, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d) => {
      out += d;
      const m = out.match(/"event":"listening","port":(\d+)/);
      if (m) resolve({ child, url: `http://127.0.0.1:${m[1]}` });
    });
    child.on('exit', (code) => reject(new Error(`server exited (${code}):\n${out}`)));
  });
}

function node(args: string[], env: Record<string, string> = {}): string {
  return execFileSync(process.execPath, args, { cwd: root, env: { ...process.env, ...env }, encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] });
}

type Load = LoadResult;
function load(url: string, kind: 'conversation' | 'echo' | 'bare', connections: number): Load {
  const options = { url, kind, connections, durationSeconds: SECONDS };
  return JSON.parse(node([...tsx, 'bench/conversation-load.ts', JSON.stringify(options)]).trim().split('\n').at(-1)!) as Load;
}

async function coldStart(): Promise<{ firstStartMs: number; restartMs: number }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'vv-cold-'));
  const measure = async () => {
    const t0 = performance.now();
    const child = spawn(process.execPath, ['dist/main.js'], { cwd: root, env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir }, stdio: ['ignore', 'pipe', 'ignore'] });
    let out = '';
    child.stdout!.on('data', (d) => (out += d));
    for (;;) {
      const m = out.match(/"event":"listening","port":(\d+)/);
      if (m) {
        const res = await fetch(`http://127.0.0.1:${m[1]}/api/chat`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"type":"start"}' });
        if (res.status === 200) break;
      }
      await new Promise((r) => setTimeout(r, 5));
    }
    const ms = Math.round(performance.now() - t0);
    child.kill('SIGTERM');
    await new Promise((r) => child.on('exit', r));
    return ms;
  };
  const firstStartMs = await measure(); // fresh data folder: the directory is seeded from data/
  const restartMs = await measure();
  rmSync(dataDir, { recursive: true, force: true });
  return { firstStartMs, restartMs };
}

function widgetSize(): { js: number; css: number; gzipped: number } | undefined {
  const dir = paths.widgetDist;
  if (!existsSync(dir)) return undefined;
  const files = readdirSync(dir).filter((f) => /\.(js|css)$/.test(f) && !f.endsWith('.map'));
  const read = (ext: string) => files.filter((f) => f.endsWith(ext)).map((f) => readFileSync(join(dir, f)));
  const js = Buffer.concat(read('.js'));
  const css = Buffer.concat(read('.css'));
  return { js: js.length, css: css.length, gzipped: gzipSync(js, { level: 9 }).length + gzipSync(css, { level: 9 }).length };
}

const fmt = (n: number, digits = 0) => n.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

async function main(): Promise<void> {
  process.stderr.write('building …\n');
  node(['scripts/build.mjs']);
  const results: Record<string, unknown> = { date: new Date().toISOString(), node: process.version, cpus: cpus().length, cpuModel: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), seconds: SECONDS };

  const dataDir = mkdtempSync(join(tmpdir(), 'vv-bench-'));
  const { child, url } = await startServer([...tsx, 'bench/server.ts'], { DATA_DIR: dataDir, PORT: '0' });
  try {
    process.stderr.write('warming up …\n');
    node([...tsx, 'bench/conversation-load.ts', JSON.stringify({ url, connections: 20, durationSeconds: 3 })]);
    const closed: Record<string, Record<string, Load>> = {};
    for (const connections of [50, 200]) {
      closed[connections] = {};
      for (const kind of ['conversation', 'echo', 'bare'] as const) {
        process.stderr.write(`closed loop: ${kind}, ${connections} connections …\n`);
        closed[connections]![kind] = load(url, kind, connections);
      }
    }
    const open: Record<string, OpenLoopResult> = {};
    for (const rate of [100, 500]) {
      process.stderr.write(`open loop: conversations at ${rate} turns/s …\n`);
      open[rate] = JSON.parse(node([...tsx, 'bench/open-loop.ts', JSON.stringify({ url, rate, durationSeconds: SECONDS })]).trim().split('\n').at(-1)!) as OpenLoopResult;
    }
    results.closedLoop = closed;
    results.openLoop = open;
  } finally {
    // The server writes its last counts on SIGTERM: let it finish before the folder goes.
    if (child.exitCode === null) await new Promise((resolve) => child.once('exit', resolve).kill('SIGTERM'));
    rmSync(dataDir, { recursive: true, force: true });
  }

  process.stderr.write('memory per idle conversation …\n');
  results.memory = JSON.parse(node(['--expose-gc', ...tsx, 'bench/memory.ts', '10000,100000']).trim());
  process.stderr.write('routing …\n');
  results.routing = JSON.parse(node([...tsx, 'bench/route.ts']).trim());
  process.stderr.write('cold start …\n');
  results.coldStart = await coldStart();
  results.widget = widgetSize();

  mkdirSync(join(root, 'test-output'), { recursive: true });
  writeFileSync(join(root, 'test-output', 'bench.json'), `${JSON.stringify(results, null, 2)}\n`);

  const c = results.closedLoop as Record<string, Record<string, Load>>;
  const o = results.openLoop as Record<string, OpenLoopResult>;
  const m = results.memory as Record<string, number>;
  const r = results.routing as { microsecondsPerRoute: number };
  const cs = results.coldStart as { firstStartMs: number; restartMs: number };
  const w = results.widget as { gzipped: number } | undefined;
  const rows: [string, string, string][] = [
    ['machine', `${results.cpus} cores (${results.cpuModel}), ${results.memoryGiB} GiB, Node ${results.node}`, ''],
  ];
  for (const conn of ['50', '200']) {
    const x = c[conn]!;
    rows.push([`triage turns/s, ${conn} conversations (closed loop)`, fmt(x.conversation!.throughput), `p99 ${x.conversation!.p99} ms, errors ${x.conversation!.errors + x.conversation!.non2xx}`]);
    rows.push([`  echo bot (CloudAdapter) req/s`, fmt(x.echo!.throughput), `ours ÷ echo = ${fmt(x.conversation!.throughput / x.echo!.throughput, 2)}× (target ≥ 1.5)`]);
    rows.push([`  bare Express JSON req/s`, fmt(x.bare!.throughput), `ours ÷ bare = ${fmt((100 * x.conversation!.throughput) / x.bare!.throughput)} % (target ≥ 50 %)`]);
  }
  for (const rate of ['100', '500'])
    rows.push([
      `latency at ${rate} turns/s offered (open loop)`,
      `p50 ${o[rate]!.p50} ms, p99 ${o[rate]!.p99} ms, max ${o[rate]!.max} ms`,
      `${rate === '500' ? 'target p99 < 10 ms; ' : ''}from the actual send: p99 ${o[rate]!.serverP99} ms; generator lag p99 ${o[rate]!.lagP99} ms; errors ${o[rate]!.errors + o[rate]!.dropped}`,
    ]);
  rows.push(['memory per idle conversation', `${m.bytesPerConversation_10000} B (10k), ${m.bytesPerConversation_100000} B (100k)`, `target < 2 KB; after expiry live: ${m.liveAfterExpiry_100000}, heap returned ${m.heapReturnedPct_100000} %`]);
  rows.push(['one routing decision (all 290 kommuner)', `${r.microsecondsPerRoute} µs`, 'target < 20 µs']);
  rows.push(['cold start to first answered chat', `${cs.firstStartMs} ms first run, ${cs.restartMs} ms restart`, '']);
  rows.push(['widget JS + CSS gzipped', w ? `${fmt(w.gzipped)} B` : 'not built', 'target ≤ 20 KB']);
  const width = Math.max(...rows.map((x) => x[0].length));
  process.stdout.write(`\n${rows.map(([a, b, n]) => `${a.padEnd(width)}  ${b}${n ? `   (${n})` : ''}`).join('\n')}\n\nwritten to test-output/bench.json\n`);
}

void main();
