/**
 * The reviewable routing table in `data/routing.yaml`: which kinds of service fit whom.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse as parseYaml } from 'yaml';
import * as z from 'zod';
import { NEEDS, SITUATIONS, WHO } from '../domain/answers.js';
import { paths } from '../paths.js';
import { SERVICE_KINDS, Time, type ServiceKind } from './schema.js';

const Scores = z.partialRecord(z.enum(SERVICE_KINDS), z.number().int().min(-100).max(100));

export const RoutingTableFile = z.strictObject({
  who: z.strictObject(Object.fromEntries(WHO.map((w) => [w, Scores])) as Record<(typeof WHO)[number], typeof Scores>),
  situation: z.partialRecord(z.enum(SITUATIONS), Scores).default({}),
  need: z.partialRecord(z.enum(NEEDS), Scores).default({}),
  never: z.partialRecord(z.enum(SITUATIONS), z.array(z.enum(SERVICE_KINDS))).default({}),
  officeHours: z.strictObject({ weekdays: z.strictObject({ from: Time, to: Time }) }),
  maxCards: z.number().int().min(2).max(12),
  minScore: z.number().int().min(0).max(100),
});
export type RoutingTable = z.infer<typeof RoutingTableFile>;
export type KindScores = Partial<Record<ServiceKind, number>>;

export function parseRoutingTable(source: string, file = 'routing.yaml'): RoutingTable {
  const parsed = RoutingTableFile.safeParse(parseYaml(source));
  if (!parsed.success) throw new Error(`${file}: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export function loadRoutingTable(file = join(paths.data, 'routing.yaml')): RoutingTable {
  return parseRoutingTable(readFileSync(file, 'utf8'), file);
}
