/**
 * A record's state at a glance, and the order of the list: what needs attention first.
 *
 *  1. verified but stale: shown to people, and nobody has checked it for STALE_AFTER_DAYS;
 *  2. unverified: not shown until someone checks it;
 *  3. verified and fresh;
 *  4. inactive: kept for the history, not shown.
 * Within each group the record checked longest ago comes first.
 */
import type { ServiceRecord } from '../directory/schema.js';

export interface Glance {
  status: ServiceRecord['status'];
  stale: boolean;
  /** Days since lastVerified. */
  days: number;
  rank: number;
}

const DAY_MS = 86_400_000;

export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

export function glance(record: ServiceRecord, today: string, staleAfterDays: number): Glance {
  const days = daysBetween(record.lastVerified, today);
  const stale = record.status !== 'inactive' && days > staleAfterDays;
  const rank = record.status === 'inactive' ? 3 : record.status === 'unverified' ? 1 : stale ? 0 : 2;
  return { status: record.status, stale, days, rank };
}

export function byAttention<T extends { record: ServiceRecord; glance: Glance }>(a: T, b: T): number {
  return a.glance.rank - b.glance.rank || b.glance.days - a.glance.days || a.record.name.sv.localeCompare(b.record.name.sv, 'sv');
}
