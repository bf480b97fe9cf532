/**
 * What the conversation tells the statistics: fixed events with the instant, kommun and language
 * they belong to. Never text, never an id. The counters (counter-sink.ts) keep nothing finer than
 * the day, and the hour of a weekday only within a month at län level.
 */
import type { ConversationEvent } from '../conversation/engine.js';
import type { Locale } from '../i18n/locales.js';

export interface EventContext {
  locale: Locale;
  /** SCB code, null when she chose not to say, undefined when not asked yet. */
  kommun: string | null | undefined;
  /** The kommun of the site that embeds the chat, if it said (counts before the kommun question go there). */
  siteKommun?: string | undefined;
  now: Date;
}

export interface StatsSink {
  record(events: readonly ConversationEvent[], context: EventContext): void;
}

