/**
 * Time for one routing decision, for every kommun: a few answer profiles × three moments.
 */
import type { Answers } from '../src/domain/answers.js';
import { Directory } from '../src/directory/directory.js';
import { loadRoutingTable } from '../src/directory/routing-table.js';
import { route } from '../src/directory/route.js';
import { loadShippedRecords } from '../src/directory/service.js';
import { ClosedDays } from '../src/directory/time.js';
import { loadGeo } from '../src/geo/kommuner.js';

const geo = loadGeo();
const directory = new Directory(loadShippedRecords(geo), geo, loadRoutingTable());
const closedDays = new ClosedDays();
const profiles: Answers[] = [
  { danger: 'no', who: 'self', gender: 'woman', situation: 'physical', need: 'shelter' },
  { danger: 'yes', who: 'self', gender: 'man', situation: 'psychological', need: 'talk' },
  { danger: 'no', who: 'young', gender: 'woman', situation: 'honour', need: 'talk' },
  { danger: 'no', who: 'uses-violence' },
];
const moments = ['2026-11-24T09:30:00Z', '2026-11-28T21:00:00Z', '2026-12-24T02:00:00Z'].map((s) => new Date(s));
const run = () => {
  let n = 0;
  for (const m of moments) for (const p of profiles) for (const k of geo.kommuner) {
    route(directory, { ...p, kommun: k.code }, m, closedDays);
    n++;
  }
  return n;
};
for (let i = 0; i < 5; i++) run(); // warm up
const rounds = 30;
const start = process.hrtime.bigint();
let calls = 0;
for (let i = 0; i < rounds; i++) calls += run();
const ns = Number(process.hrtime.bigint() - start);
process.stdout.write(`${JSON.stringify({ calls, microsecondsPerRoute: +(ns / calls / 1000).toFixed(2), kommuner: geo.kommuner.length })}\n`);
