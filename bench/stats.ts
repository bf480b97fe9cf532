/**
 * The statistics store after a simulated year: file size of DATA_DIR/stats.json, the time of one
 * flush (a minute's batch into a full year), and the time to settle the dashboard's publication of
 * all twelve months (done once per month and kept).
 *
 *   npx tsx bench/stats.ts [conversations per year, default 100000]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadGeo } from '../src/geo/kommuner.js';
import { periodCounts } from '../src/stats/aggregate.js';
import { publishMonth } from '../src/stats/cube.js';
import { GROUPS } from '../src/stats/catalogue.js';
import { CounterSink } from '../src/stats/counter-sink.js';
import { LowdbCountersRepository } from '../src/storage/counters-repository.js';
import { recordConversation, seedConversations } from '../test/helpers/stats.js';

const perYear = Number(process.argv[2] ?? 100_000);
const geo = loadGeo();
const dir = mkdtempSync(join(tmpdir(), 'vv-stats-bench-'));
const file = join(dir, 'stats.json');
const repo = await LowdbCountersRepository.open(file);
const sink = new CounterSink(repo, geo, { flushMs: 60_000 });
const start = Date.parse('2026-01-01T00:00:00Z');
const { random, pickKommun } = seedConversations(sink, geo, { count: perYear, seed: 1, start: new Date(start), days: 365 });
await sink.flush();
await repo.flush();
const size = statSync(file).size;

// One minute's batch (about what 100 000 a year bring in a busy minute: a handful) into the full year.
for (let i = 0; i < 5; i++) recordConversation(sink, random, { kommun: pickKommun(), locale: 'sv', at: new Date(start + 200 * 86_400_000) });
let t = performance.now();
await sink.flush();
const flushMs = performance.now() - t;

t = performance.now();
const counts = periodCounts(repo.read(), 2026, geo);
let withheld = 0;
for (let month = 1; month <= 12; month++) for (const group of GROUPS) withheld += publishMonth({ group, counts, year: 2026, month, geo, threshold: 5 }).withheld.length;
const publishMs = performance.now() - t;

console.log(JSON.stringify({ conversationsPerYear: perYear, statsJsonBytes: size, statsJsonMB: +(size / 1e6).toFixed(2), flushMs: +flushMs.toFixed(1), publishYearMs: +publishMs.toFixed(0), withheldSlices: withheld }));
rmSync(dir, { recursive: true, force: true });
