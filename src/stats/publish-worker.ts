/**
 * Settles monthly publications off the main thread. The small-number protection of one month takes
 * a second or more of pure computation; done on the main thread it would hold up every chat
 * request meanwhile. The worker gets the kommuner and län once, then one month's counts per
 * request, and returns the publication as plain data (see MonthPublication.toData).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Geo } from '../geo/kommuner.js';
import type { PeriodCounts } from './aggregate.js';
import { group, type Group } from './catalogue.js';
import { publishMonth, StatsIntegrityError, type PublicationData } from './cube.js';

export interface PublishRequest {
  id: number;
  groupId: Group['id'];
  counts: PeriodCounts;
  year: number;
  month: number;
  threshold: number;
}

export type PublishResponse = { id: number; ok: true; data: PublicationData } | { id: number; ok: false; integrity: boolean; message: string };

const { kommuner, lan } = workerData as { kommuner: Geo['kommuner']; lan: Geo['lan'] };
const geo = new Geo(kommuner, lan);

parentPort!.on('message', (m: PublishRequest) => {
  let reply: PublishResponse;
  try {
    const p = publishMonth({ group: group(m.groupId), counts: m.counts, year: m.year, month: m.month, geo, threshold: m.threshold });
    reply = { id: m.id, ok: true, data: p.toData() };
  } catch (e) {
    reply = { id: m.id, ok: false, integrity: e instanceof StatsIntegrityError, message: (e as Error).message };
  }
  parentPort!.postMessage(reply);
});
