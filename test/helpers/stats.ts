/**
 * Synthetic conversations for the statistics: event sequences that follow the flow (so the
 * catalogue's identities hold), recorded straight into a counter sink. For the dashboard tests
 * and the size benchmark; a deterministic generator keeps them repeatable.
 */
import type { ConversationEvent } from '../../src/conversation/engine.js';
import { NEEDS, SITUATIONS, WHO } from '../../src/domain/answers.js';
import type { Geo } from '../../src/geo/kommuner.js';
import { LOCALES, type Locale } from '../../src/i18n/locales.js';
import type { StatsSink } from '../../src/stats/sink.js';

/** mulberry32: small, fast, and without the correlations of a plain LCG between successive draws. */
export function rng(seed: number): () => number {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const KINDS = ['emergency', 'polis', 'socialtjanst', 'socialjour', 'kvinnojour', 'helpline', 'healthcare'];

export interface Synthetic {
  kommun: string | null;
  locale: Locale;
  at: Date;
}

/** One conversation's events as the engine would produce them, with its context. */
export function conversationEvents(random: () => number, c: Synthetic): { events: ConversationEvent[]; kommun: string | null | undefined } {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const events: ConversationEvent[] = [{ type: 'started' }];
  if (random() < 0.15) {
    events.push({ type: 'danger', via: 'answer' });
    if (random() < 0.3) return { events: [...events, { type: 'completed' }], kommun: undefined };
  }
  if (random() < 0.1) return { events: [...events, { type: 'exit' }], kommun: undefined };
  events.push({ type: 'answer', slot: 'who', value: pick(WHO) });
  events.push({ type: 'answer', slot: 'situation', value: pick(SITUATIONS) });
  events.push({ type: 'answer', slot: 'need', value: pick(NEEDS) });
  events.push({ type: 'kommun', given: c.kommun !== null });
  const kinds = KINDS.filter(() => random() < 0.5);
  const hour = c.at.getUTCHours();
  events.push({ type: 'contacts', kinds: kinds.length ? kinds : ['helpline'], localMatched: random() < 0.8, afterHours: hour < 7 || hour > 15 });
  events.push({ type: 'completed' });
  if (random() < 0.2) events.push({ type: 'exit' });
  return { events, kommun: c.kommun };
}

/** Records one synthetic conversation into a sink, as the chat service would (all in one turn). */
export function recordConversation(sink: StatsSink, random: () => number, c: Synthetic): void {
  const { events, kommun } = conversationEvents(random, c);
  sink.record(events, { locale: c.locale, kommun, siteKommun: c.kommun ?? undefined, now: c.at });
}

/**
 * Many conversations as in life: a few busy kommuner and many quiet ones (a skewed weight per
 * kommun), 15 % not saying their kommun, 80 % in Swedish; spread evenly over `days` from `start`.
 * `pickKommun` is returned for callers that add more of the same.
 */
export function seedConversations(sink: StatsSink, geo: Geo, o: { count: number; seed: number; start: Date; days: number }): { random: () => number; pickKommun: () => string } {
  const random = rng(o.seed);
  const weights = geo.kommuner.map(() => random() ** 3);
  const total = weights.reduce((a, b) => a + b, 0);
  const pickKommun = () => {
    let r = random() * total;
    for (let i = 0; i < weights.length; i++) if ((r -= weights[i]!) <= 0) return geo.kommuner[i]!.code;
    return geo.kommuner[0]!.code;
  };
  const others = LOCALES.filter((l) => l !== 'sv');
  for (let i = 0; i < o.count; i++)
    recordConversation(sink, random, {
      kommun: random() < 0.15 ? null : pickKommun(),
      locale: random() < 0.8 ? 'sv' : others[Math.floor(random() * others.length)]!,
      at: new Date(o.start.getTime() + Math.floor(random() * o.days * 86_400_000)),
    });
  return { random, pickKommun };
}
