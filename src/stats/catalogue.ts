/**
 * What is counted, and how the counts relate: the fixed list of counters, the groups the
 * dashboard publishes, and every identity between published numbers that the conversation flow
 * makes true. The small-number protection must know each identity, or a hidden number could be
 * worked out by subtraction (completed − contacts shown = those who stopped after 112, …).
 * The counting tests check the identities against conversations through the HTTP API.
 *
 * Deliberately not counted: the gender answer (see README, "Statistics"), any text, any id, any
 * time finer than the day, or the hour of a weekday other than within a month at län level.
 * Languages are not events: every counter is kept per language, and "languages" on the dashboard
 * are the conversations started in each.
 */
import type { ConversationEvent } from '../conversation/engine.js';
import { NEEDS, SITUATIONS, WHO } from '../domain/answers.js';
import { SERVICE_KINDS } from '../directory/schema.js';
import { LOCALES } from '../i18n/locales.js';

/** Counters of the conversation as a whole, in display order. */
export const FLOW = [
  'started',
  'danger.answer',
  'danger.words',
  'kommun.given',
  'kommun.unsaid',
  'contacts',
  'afterHours',
  'unmet',
  'unmet.afterHours',
  'completed',
  'exit',
] as const;
export const KIND_KEYS = SERVICE_KINDS.map((k) => `kind.${k}`);
export const LANGUAGE_KEYS = LOCALES.map((l) => `language.${l}`);
export const WHO_KEYS = WHO.map((v) => `who.${v}`);
export const SITUATION_KEYS = SITUATIONS.map((v) => `situation.${v}`);
export const NEED_KEYS = NEEDS.map((v) => `need.${v}`);

const ANSWER_VALUES: Record<string, ReadonlySet<string>> = {
  who: new Set(WHO),
  situation: new Set(SITUATIONS),
  need: new Set(NEEDS),
};
const KINDS: ReadonlySet<string> = new Set(SERVICE_KINDS);

/**
 * The counter keys one event adds to. `kommunGiven`: the person named a kommun (an unmet need is
 * only unmet in a kommun she named). Values outside the vocabulary are dropped, so nothing but
 * the fixed list can ever reach the store, whatever a future engine sends.
 */
export function counterKeys(event: ConversationEvent, kommunGiven: boolean): string[] {
  switch (event.type) {
    case 'started':
      return ['started'];
    case 'danger':
      return [event.via === 'answer' ? 'danger.answer' : 'danger.words'];
    case 'answer':
      // The gender answer is not counted at all.
      return ANSWER_VALUES[event.slot]?.has(event.value) ? [`${event.slot}.${event.value}`] : [];
    case 'kommun':
      return [event.given ? 'kommun.given' : 'kommun.unsaid'];
    case 'contacts': {
      const keys = ['contacts', ...[...new Set(event.kinds)].filter((k) => KINDS.has(k)).map((k) => `kind.${k}`)];
      const unmet = kommunGiven && !event.localMatched;
      if (event.afterHours) keys.push('afterHours');
      if (unmet) keys.push('unmet');
      if (unmet && event.afterHours) keys.push('unmet.afterHours');
      return keys;
    }
    case 'exit':
      return ['exit'];
    case 'completed':
      return ['completed'];
    case 'language':
      // Every counter is kept per language already (see the module comment).
      return [];
  }
}

// ── published groups ───────────────────────────────────────────────────────────────────────────

export const HOUR_KEYS: string[] = [];
for (let d = 1; d <= 7; d++) for (let h = 0; h < 24; h++) HOUR_KEYS.push(`hour.${d}-${String(h).padStart(2, '0')}`);

/** parent = Σ children */
export interface Identity {
  parent: string;
  children: string[];
}

export interface Group {
  id: 'flow' | 'kinds' | 'who' | 'situation' | 'need';
  /** Categories published as they are stored (hours only at län level, see cube.ts). */
  stored: string[];
  /** Published sums of stored categories (a "total" row). */
  totals: Identity[];
  /**
   * Never published, but fixed by published numbers: an attacker gets them by subtraction, so
   * they are protected like any cell. Defined by a sum and a difference of other categories.
   */
  implied: { key: string; plus: string[]; minus: string[] }[];
  /** Every identity between the categories (totals and implied included). */
  identities: Identity[];
}

export const GROUPS: readonly Group[] = [
  {
    id: 'flow',
    stored: [...FLOW, ...LANGUAGE_KEYS, ...HOUR_KEYS],
    totals: [],
    implied: [
      { key: '@finish', plus: ['completed'], minus: ['contacts'] },
      { key: '@matched', plus: ['kommun.given'], minus: ['unmet'] },
      { key: '@unmet.office', plus: ['unmet'], minus: ['unmet.afterHours'] },
      { key: '@other.afterHours', plus: ['afterHours'], minus: ['unmet.afterHours'] },
      { key: '@office', plus: ['contacts'], minus: ['afterHours'] },
      { key: '@other.office', plus: ['@office'], minus: ['@unmet.office'] },
    ],
    identities: [
      // Every kommun answer is followed, in the same turn, by the contacts.
      { parent: 'contacts', children: ['kommun.given', 'kommun.unsaid'] },
      // The end is reached after the contacts, or after 112 when she chose to stop there.
      { parent: 'completed', children: ['contacts', '@finish'] },
      // "No local service" needs a named kommun.
      { parent: 'kommun.given', children: ['unmet', '@matched'] },
      { parent: 'unmet', children: ['unmet.afterHours', '@unmet.office'] },
      { parent: 'afterHours', children: ['unmet.afterHours', '@other.afterHours'] },
      { parent: 'contacts', children: ['afterHours', '@office'] },
      { parent: '@office', children: ['@unmet.office', '@other.office'] },
      // Every start is in one language.
      { parent: 'started', children: LANGUAGE_KEYS },
      // Hours are counted for every start (where hours exist: see cube.ts).
      { parent: 'started', children: HOUR_KEYS },
    ],
  },
  // Contacts by kind: several kinds per answer, so no kind is a part of another and they have no
  // total. Each is protected on its own and along the areas.
  { id: 'kinds', stored: [...KIND_KEYS], totals: [], implied: [], identities: [] },
  ...(
    [
      ['who', WHO_KEYS],
      ['situation', SITUATION_KEYS],
      ['need', NEED_KEYS],
    ] as const
  ).map(([id, keys]): Group => ({
    id,
    stored: [...keys],
    totals: [{ parent: id, children: [...keys] }],
    implied: [],
    identities: [{ parent: id, children: [...keys] }],
  })),
];

export function group(id: Group['id']): Group {
  return GROUPS.find((g) => g.id === id)!;
}
