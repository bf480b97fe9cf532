/**
 * The chat as the HTTP API sees it: issues unguessable conversation ids, runs one turn at a time
 * per conversation, starts afresh (and says so) when an id is unknown or expired, refuses politely
 * when too many conversations are live, and passes the turn's events to the statistics.
 */
import { randomBytes } from 'node:crypto';
import { direction, isLocale, negotiateLocale, type Locale } from '../i18n/locales.js';
import type { StatsSink } from '../stats/sink.js';
import type { BotRuntime, BotTurn } from './botframework/bot.js';
import type { TurnOutcome } from './botframework/triage-dialog.js';

export interface ChatRequest {
  conversationId?: string | null | undefined;
  type?: 'start' | 'message' | undefined;
  text?: string | undefined;
  value?: string | undefined;
  locale?: string | undefined;
  languages?: string[] | undefined;
  kommun?: string | undefined;
}

/** A Bot Framework Activity as JSON (the type lives behind the Bot Framework boundary). */
export type ActivityJson = Record<string, unknown>;

export interface ChatReply {
  status: 200 | 503;
  body: { conversationId: string | null; locale: Locale; dir: 'ltr' | 'rtl'; activities: ActivityJson[] };
}

export interface ChatServiceOptions {
  maxConversations: number;
  liveConversations: () => Promise<number>;
  now?: () => Date;
  /** Texts for the "busy" answer, which is given without starting a conversation. */
  busyText: (locale: Locale) => string;
}

/** 144 random bits, URL-safe: conversation ids cannot be guessed. */
export function newConversationId(): string {
  return randomBytes(18).toString('base64url');
}

export class ChatService {
  readonly #locks = new Map<string, Promise<unknown>>();
  readonly #now: () => Date;

  constructor(
    private readonly runtime: BotRuntime,
    private readonly stats: StatsSink,
    private readonly options: ChatServiceOptions,
  ) {
    this.#now = options.now ?? (() => new Date());
  }

  /** Runs one turn for a conversation at a time; a second request for the same id waits its turn. */
  async #serial<T>(id: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#locks.get(id) ?? Promise.resolve();
    const current = previous.catch(() => undefined).then(work);
    this.#locks.set(id, current);
    try {
      return await current;
    } finally {
      if (this.#locks.get(id) === current) this.#locks.delete(id);
    }
  }

  async handle(request: ChatRequest, headerLanguages: readonly string[] = []): Promise<ChatReply> {
    const chosen = request.locale && isLocale(request.locale) ? request.locale : undefined;
    const locale = chosen ?? negotiateLocale([...(request.locale ? [request.locale] : []), ...(request.languages ?? []), ...headerLanguages]);
    const id = request.conversationId ?? undefined;
    const live = id !== undefined && (await this.runtime.exists(id));

    if (live && request.type !== 'start') {
      return this.#serial(id, async () => this.#reply(id, await this.runtime.message(id, { text: request.text, value: request.value, ...(chosen ? { locale: chosen } : {}) })));
    }
    if (live) await this.#serial(id, () => this.runtime.end(id));

    if ((await this.options.liveConversations()) >= this.options.maxConversations) {
      return {
        status: 503,
        body: { conversationId: null, locale, dir: direction(locale), activities: [{ type: 'message', text: this.options.busyText(locale), textFormat: 'plain', locale }] },
      };
    }

    const fresh = newConversationId();
    return this.#serial(fresh, async () => {
      const kommun = request.kommun;
      if (request.type === 'start' || (id === undefined && !request.text && !request.value)) {
        return this.#reply(fresh, await this.runtime.start(fresh, { locale, ...(kommun ? { siteKommun: kommun } : {}) }));
      }
      if (id !== undefined) {
        // An unknown or expired id: a fresh conversation that says so (and still hears danger words).
        return this.#reply(fresh, await this.runtime.message(fresh, { text: request.text ?? request.value ?? '', locale }));
      }
      // A first message without a conversation: start one, then answer the message in it.
      const started = await this.runtime.start(fresh, { locale, ...(kommun ? { siteKommun: kommun } : {}) });
      this.#count(started.outcome);
      const answered = await this.runtime.message(fresh, { text: request.text, value: request.value });
      return this.#reply(fresh, { activities: [...started.activities, ...answered.activities], outcome: answered.outcome });
    });
  }

  #count(outcome: TurnOutcome): void {
    const { events, locale, kommun, siteKommun } = outcome;
    if (events.length) this.stats.record(events, { locale, kommun, siteKommun, now: this.#now() });
  }

  #reply(id: string, turn: BotTurn): ChatReply {
    this.#count(turn.outcome);
    const { locale } = turn.outcome;
    return {
      status: 200,
      body: { conversationId: turn.outcome.ended ? null : id, locale, dir: direction(locale), activities: turn.activities as ActivityJson[] },
    };
  }

  /** Wipes a conversation at once (exit button, end of page), counted as an exit. Unknown ids are fine. */
  async end(id: string): Promise<void> {
    const outcome = await this.#serial(id, () => this.runtime.end(id));
    if (outcome) this.#count(outcome);
  }
}
