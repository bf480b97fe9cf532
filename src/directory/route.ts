/**
 * route(directory, answers, now) → the contacts for this person, in the order she should try them.
 *
 * Pure: the same directory, answers and instant always give the same cards, so every rule here is
 * tested with a fixed clock. The scores come from the reviewable table in data/routing.yaml; the
 * rules that protect people (who a service serves, what it must never be used for, open before
 * closed, 112 first) are below.
 */
import type { Answers, Who } from '../domain/answers.js';
import type { Directory } from './directory.js';
import { DayCursor, hoursStatus, isOpen, type HoursStatus } from './hours.js';
import type { RoutingTable } from './routing-table.js';
import type { Role, ServiceKind, ServiceRecord } from './schema.js';
import { toStockholm, type ClosedDays } from './time.js';

export type CardSource =
  | { type: 'record'; record: ServiceRecord }
  /** The kommun's socialtjänst when the directory has no verified record of it. */
  | { type: 'kommun-socialtjanst'; kommun?: string }
  /** After office hours: call 114 14 and ask for the kommun's socialjour. */
  | { type: 'socialjour-via-polis'; kommun?: string; police: ServiceRecord };

export interface ContactCard {
  source: CardSource;
  kind: ServiceKind;
  status: HoursStatus;
  /**
   * For a socialtjänst or socialjour whose hours are unknown: whether it is probably open now.
   * Socialtjänst keeps office hours; socialjour takes over outside them. Used only for order.
   */
  likely?: 'open' | 'closed';
  local: boolean;
  score: number;
  reason?: 'emergency' | 'after-hours' | 'fallback';
}

export interface RouteResult {
  cards: ContactCard[];
  /** A verified local service fits this person (the generated fallback does not count). */
  localMatched: boolean;
  /** Outside the office-hours window of the routing table. */
  afterHours: boolean;
}

/** What the person asks as, for the `roles` of a service. */
const ROLE_OF: Record<Who, Role> = {
  self: 'victim',
  young: 'victim',
  child: 'relative',
  relative: 'relative',
  'uses-violence': 'uses-violence',
  professional: 'professional',
};

/** Public services that by law serve everyone who turns to them, whatever their record lists. */
const SERVES_EVERYONE: ReadonlySet<ServiceKind> = new Set(['socialtjanst', 'socialjour', 'polis', 'emergency']);

const LOCAL_BONUS = 10;
const TARGETED_BONUS = 5;

function minutes(t: string): number {
  return Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
}

/** The score of a record for this person, or undefined when it must not be shown to her. */
export function fit(r: ServiceRecord, a: Answers, table: RoutingTable): number | undefined {
  const who: Who = a.who ?? 'self';
  if (r.forWho && !r.forWho.includes(who)) return undefined;
  if (!SERVES_EVERYONE.has(r.kind) && !r.serves.roles.includes(ROLE_OF[who])) return undefined;
  const asksForHerself = who === 'self' || who === 'young';
  const gender = asksForHerself && a.gender && a.gender !== 'unsaid' ? a.gender : undefined;
  if (gender && !r.serves.genders.includes(gender)) return undefined;
  if (who === 'young' && r.serves.minAge !== undefined && r.serves.minAge >= 18) return undefined;
  if (who !== 'young' && who !== 'child' && r.serves.maxAge !== undefined && r.serves.maxAge < 18) return undefined;
  const situation = a.situation;
  if (situation) {
    if (situation !== 'unsure' && r.situations && !r.situations.includes(situation)) return undefined;
    if (r.unsuitableFor.includes(situation)) return undefined;
    if (table.never[situation]?.includes(r.kind)) return undefined;
  }
  if (a.need && r.needs && !r.needs.includes(a.need)) return undefined;

  const base = table.who[who][r.kind];
  if (base === undefined) return undefined;
  let score = base + (situation ? (table.situation[situation]?.[r.kind] ?? 0) : 0) + (a.need ? (table.need[a.need]?.[r.kind] ?? 0) : 0);
  if (gender && r.serves.genders.length === 1) score += TARGETED_BONUS;
  if (r.forWho?.includes(who)) score += TARGETED_BONUS;
  if (situation && situation !== 'unsure' && r.situations && r.situations.length <= 2 && r.situations.includes(situation)) score += TARGETED_BONUS;
  return score;
}

/** Sort tiers: open (or likely open) first, then unknown hours, then closed. */
function tier(card: ContactCard): number {
  if (card.reason === 'emergency') return -1;
  if (isOpen(card.status) || card.likely === 'open') return 0;
  if (card.status.state === 'closed' || card.likely === 'closed') return 2;
  return 1;
}

function displayName(card: ContactCard): string {
  return card.source.type === 'record' ? card.source.record.name.sv : card.source.type;
}

export function route(directory: Directory, answers: Answers, now: Date, closedDays: ClosedDays): RouteResult {
  const table = directory.table;
  const cursor = new DayCursor(toStockholm(now), closedDays);
  const officeNow = isOfficeHours(table, cursor);
  const kommun = answers.kommun ?? undefined;
  const cards: ContactCard[] = [];
  const seen = new Set<string>();
  let localMatched = false;

  const add = (record: ServiceRecord, local: boolean, score: number, reason?: ContactCard['reason']) => {
    if (seen.has(record.id)) return;
    seen.add(record.id);
    const status = hoursStatus(record.hours, cursor);
    const card: ContactCard = { source: { type: 'record', record }, kind: record.kind, status, local, score, ...(reason ? { reason } : {}) };
    const likely = status.state === 'unknown' ? likelyState(record.kind, officeNow) : undefined;
    if (likely) card.likely = likely;
    cards.push(card);
  };

  if (answers.danger === 'yes') {
    const emergency = directory.national.find((r) => r.kind === 'emergency');
    if (emergency) add(emergency, false, Number.MAX_SAFE_INTEGER, 'emergency');
  }

  for (const r of kommun ? directory.local(kommun) : []) {
    const score = fit(r, answers, table);
    if (score === undefined) continue;
    add(r, true, score + LOCAL_BONUS);
    localMatched = true;
  }
  for (const r of directory.national) {
    if (r.kind === 'emergency') continue;
    const score = fit(r, answers, table);
    if (score !== undefined) add(r, false, score);
  }

  // The kommun's socialtjänst is always among the candidates: every kommun has one by law.
  const socialScore = (table.who[answers.who ?? 'self'].socialtjanst ?? 0) + (answers.situation ? (table.situation[answers.situation]?.socialtjanst ?? 0) : 0) + (answers.need ? (table.need[answers.need]?.socialtjanst ?? 0) : 0);
  let social = cards.filter((c) => c.kind === 'socialtjanst' && c.local);
  if (!social.length && table.who[answers.who ?? 'self'].socialtjanst !== undefined) {
    const fallback: ContactCard = {
      source: { type: 'kommun-socialtjanst', ...(kommun ? { kommun } : {}) },
      kind: 'socialtjanst',
      status: { state: 'unknown' },
      local: true,
      score: socialScore + (kommun ? LOCAL_BONUS : 0),
      reason: 'fallback',
      likely: officeNow ? 'open' : 'closed',
    };
    cards.push(fallback);
    social = [fallback];
  }

  // After hours: the socialjour takes over from a closed socialtjänst.
  for (const card of social) {
    if (tier(card) !== 2) continue;
    const target = card.source.type === 'record' ? card.source.record.afterHours?.serviceId : undefined;
    const record = target ? directory.byId(target) : undefined;
    if (record && record.status === 'verified') {
      add(record, true, card.score, 'after-hours');
      continue;
    }
    const police = directory.national.find((r) => r.kind === 'polis');
    const localSocialjour = cards.some((c) => c.kind === 'socialjour' && c.local && tier(c) === 0);
    if (police && !localSocialjour && !cards.some((c) => c.source.type === 'socialjour-via-polis')) {
      cards.push({
        source: { type: 'socialjour-via-polis', ...(kommun ? { kommun } : {}), police },
        kind: 'socialjour',
        status: hoursStatus(police.hours, cursor),
        local: true,
        score: card.score,
        reason: 'after-hours',
      });
    }
  }

  cards.sort((x, y) => tier(x) - tier(y) || y.score - x.score || Number(y.local) - Number(x.local) || displayName(x).localeCompare(displayName(y), 'sv'));

  const relevant = cards.filter((c) => c.reason || c.score >= table.minScore);
  const limit = table.maxCards + (answers.danger === 'yes' ? 1 : 0);
  const shown = relevant.slice(0, limit);
  // Always at least one national line that fits: it answers when nothing local does.
  const isNationalLine = (c: ContactCard) => !c.local && c.reason !== 'emergency' && c.kind !== 'polis';
  if (!shown.some(isNationalLine)) {
    // Only cards beyond the limit can be missing, and then the list is full: the last one gives way.
    const line = relevant.slice(limit).find(isNationalLine);
    if (line) shown[shown.length - 1] = line;
  }
  return { cards: shown, localMatched, afterHours: !officeNow };
}

function likelyState(kind: ServiceKind, officeNow: boolean): ContactCard['likely'] {
  if (kind === 'socialtjanst') return officeNow ? 'open' : 'closed';
  if (kind === 'socialjour') return officeNow ? 'closed' : 'open';
  return undefined;
}

function isOfficeHours(table: RoutingTable, cursor: DayCursor): boolean {
  const { day, closed } = cursor.day(0);
  if (closed || day.weekday >= 5) return false;
  const { from, to } = table.officeHours.weekdays;
  return day.minutes >= minutes(from) && day.minutes < minutes(to);
}
