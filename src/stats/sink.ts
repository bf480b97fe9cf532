/**
 * What the conversation tells the statistics: fixed events with the day, kommun and language they
 * belong to. Never text, never an id, never a time finer than the hour (and the hour only goes to
 * län-level counters).
 */
import type { ConversationEvent } from '../conversation/engine.js';
import type { Locale } from '../i18n/locales.js';

export interface EventContext {
  locale: Locale;
  /** SCB code, null when she chose not to say, undefined when not asked yet. */
  kommun: string | null | undefined;
  now: Date;
}

export interface StatsSink {
  record(events: readonly ConversationEvent[], context: EventContext): void;
}

export const noStats: StatsSink = { record: () => undefined };
