/**
 * The conversation engine: interprets a flow from `dialogs/` one turn at a time.
 *
 * Pure apart from the clock it is given: (state, input) → (new state, replies, events). The state
 * holds only stable values (step names, answer values, kommun codes, a locale) — never what the
 * person typed — so nothing she wrote can outlive the turn. Replies are abstract (text keys,
 * choices, cards); the Bot Framework boundary turns them into Activities in her language.
 */
import type { Answers } from '../domain/answers.js';
import type { RouteResult } from '../directory/route.js';
import type { Geo } from '../geo/kommuner.js';
import type { KommunMatcher } from '../geo/kommun-match.js';
import { isLocale, LOCALES, type Locale } from '../i18n/locales.js';
import { normalize, scriptOf } from '../i18n/normalize.js';
import type { Command, Flow, Line, Step, When } from './flow/schema.js';
import { stepInput } from './flow/schema.js';
import type { Matchers } from './matching/matchers.js';

export interface ConversationState {
  v: 1;
  flow: string;
  /** The step waiting for the person's answer. */
  step: string;
  locale: Locale;
  answers: Answers;
  /** The kommun of the site that embeds the chat (SCB code), if it said. */
  siteKommun?: string;
  kommunMode?: 'confirm' | 'typed' | 'candidates';
  candidates?: string[];
  /** The language menu is open. */
  choosingLanguage?: boolean;
  /** Languages already offered because of the script she typed in (offered once each). */
  offered?: Locale[];
  /**
   * Which statistics events this conversation has already produced (eventOnce): each is counted
   * at most once per conversation, so answering again or restarting does not inflate the counts.
   * Fixed event names only; lives and dies with the state, never reaches the counters store.
   */
  counted?: string[];
}

/** A button label: a text key (in the reply's language unless `locale` says otherwise) or a literal text. */
export type Label = { key: string; params?: Params; locale?: Locale } | { text: string; lang?: Locale };
export type Params = Record<string, string | number>;
export interface ChoiceView {
  value: string;
  label: Label;
}

export type Reply =
  | { type: 'text'; key: string; params?: Params; locale?: Locale }
  | { type: 'question'; key: string; params?: Params; choices: ChoiceView[]; locale?: Locale }
  | { type: 'emergency' }
  | { type: 'contacts'; result: RouteResult; kommun: string | null };

/** What the statistics module may count. Never text, never an id, never a time finer than a day. */
export type ConversationEvent =
  | { type: 'started' }
  | { type: 'danger'; via: 'answer' | 'words' }
  | { type: 'answer'; slot: 'who' | 'gender' | 'situation' | 'need'; value: string }
  | { type: 'kommun'; given: boolean }
  | { type: 'contacts'; kinds: string[]; localMatched: boolean; afterHours: boolean }
  | { type: 'exit' }
  | { type: 'completed' }
  | { type: 'language'; locale: Locale };

export interface TurnInput {
  /** What she typed. */
  text?: string;
  /** The value of a button she pressed. */
  value?: string;
  /** A language chosen in the client's own menu. */
  locale?: Locale;
}

export interface TurnResult {
  /** null: the conversation is over and its state must be wiped. */
  state: ConversationState | null;
  replies: Reply[];
  events: ConversationEvent[];
}

export interface EngineDeps {
  flow: Flow;
  matchers: Matchers;
  geo: Geo;
  kommuner: KommunMatcher;
  route: (answers: Answers) => RouteResult;
  /** Native names of the languages, for the language menu. */
  languageNames: ReadonlyMap<Locale, string>;
}

const LANG_PREFIX = 'lang:';
const MAX_STEPS_PER_TURN = 40;

class Turn {
  readonly replies: Reply[] = [];
  readonly events: ConversationEvent[] = [];
  /** The person left: the state must be wiped. */
  ended = false;
  constructor(public state: ConversationState) {}

  result(): TurnResult {
    // Each event at most once per conversation (see ConversationState.counted).
    const counted = new Set(this.state.counted ?? []);
    const events = this.events.filter((e) => {
      const once = eventOnce(e);
      if (counted.has(once)) return false;
      counted.add(once);
      return true;
    });
    if (!this.ended && counted.size) this.state.counted = [...counted];
    return { state: this.ended ? null : this.state, replies: this.replies, events };
  }
}

export class Engine {
  readonly #d: EngineDeps;
  constructor(deps: EngineDeps) {
    this.#d = deps;
  }

  get flow(): Flow {
    return this.#d.flow;
  }

  /** A new conversation: welcome, then the first question. */
  start(options: { locale: Locale; siteKommun?: string | undefined }): TurnResult {
    const site = options.siteKommun && this.#d.geo.kommun(options.siteKommun) ? options.siteKommun : undefined;
    const state: ConversationState = { v: 1, flow: this.#d.flow.id, step: this.#d.flow.start, locale: options.locale, answers: {}, ...(site ? { siteKommun: site } : {}) };
    const turn = new Turn(state);
    turn.events.push({ type: 'started' }, { type: 'language', locale: options.locale });
    this.#enter(turn, this.#d.flow.start);
    return turn.result();
  }

  /**
   * What to say before the welcome when she wrote into a conversation that had expired: that it
   * started afresh — and 112 first if what she wrote holds danger words.
   */
  resumeNotice(state: ConversationState, text: string): Pick<TurnResult, 'replies' | 'events'> {
    const turn = new Turn(state);
    if (text && this.#d.matchers.danger(state.locale, text)) this.#dangerFirst(turn);
    turn.replies.push({ type: 'text', key: 'chat:system.expired' });
    return turn;
  }

  turn(previous: ConversationState, input: TurnInput): TurnResult {
    const turn = new Turn(structuredClone(previous));
    this.#handle(turn, input);
    return turn.result();
  }

  #handle(turn: Turn, input: TurnInput): void {
    const state = turn.state;
    const step = this.#d.flow.steps[state.step];
    // The flow changed under a live conversation (a new release): start it again, gently.
    if (!step) return this.#restart(turn, 'chat:system.restarted');

    if (input.locale && isLocale(input.locale) && input.locale !== state.locale) {
      this.#switchLanguage(turn, input.locale);
      if (input.text === undefined && input.value === undefined) return this.#prompt(turn);
    }

    const value = input.value?.trim();
    const text = input.text?.trim() ?? '';
    const raw = value ?? text;
    if (!raw) return this.#reask(turn);

    // A language chosen from a menu or an offer, at any step.
    if (raw.startsWith(LANG_PREFIX)) {
      const locale = raw.slice(LANG_PREFIX.length);
      if (isLocale(locale)) {
        this.#switchLanguage(turn, locale);
        return this.#prompt(turn);
      }
    }

    if (value === undefined) {
      // Danger words come before everything else, whatever the step and whatever the language.
      if (this.#d.matchers.danger(state.locale, text)) {
        if (step.dangerAnswer !== undefined && !state.choosingLanguage) return this.#choose(turn, step.dangerAnswer);
        this.#dangerFirst(turn);
        // 112 first; then, if she wrote in another script, her language, so the rest reaches her.
        this.#offerLanguageOfScript(turn, text);
        return this.#prompt(turn);
      }
      const command = this.#d.matchers.command(state.locale, text);
      if (command) return this.#command(turn, command);
      this.#offerLanguageOfScript(turn, text);
    }

    if (state.choosingLanguage) {
      const locale = this.#languageFromText(raw);
      delete state.choosingLanguage;
      if (locale) {
        this.#switchLanguage(turn, locale);
        return this.#prompt(turn);
      }
    }

    if (stepInput(step) === 'kommun') this.#kommunAnswer(turn, raw, value !== undefined);
    else if (stepInput(step) === 'choice') {
      // An answer typed in another script is understood in the language it suggests, too.
      const match = this.#d.matchers.choice(state.step, state.locale, raw, value === undefined ? suggestLocale(text) : undefined);
      if (match.kind === 'match') this.#choose(turn, match.value);
      else this.#reask(turn);
    } else this.#enter(turn, step.next ?? this.#d.flow.start);
  }

  /** The answer to danger words: 112, before anything else. */
  #dangerFirst(turn: Turn): void {
    turn.events.push({ type: 'danger', via: 'words' });
    turn.replies.push({ type: 'text', key: 'chat:danger.interrupt' }, { type: 'emergency' }, { type: 'text', key: 'chat:danger.cannotSpeak' });
  }

  // ── steps ──────────────────────────────────────────────────────────────────────────────────

  /** Enters a step and runs on through steps that need no answer, until one asks a question. */
  #enter(turn: Turn, stepId: string): void {
    let id: string | undefined = stepId;
    for (let guard = 0; id && guard < MAX_STEPS_PER_TURN; guard++) {
      const step: Step = this.#d.flow.steps[id]!;
      turn.state.step = id;
      delete turn.state.kommunMode;
      delete turn.state.candidates;
      for (const line of step.say ?? []) this.#say(turn, line);
      let kinds: string[] = [];
      if (step.show === 'emergency') turn.replies.push({ type: 'emergency' });
      if (step.show === 'languages') this.#languageMenu(turn);
      if (step.show === 'contacts') kinds = this.#contacts(turn);
      for (const line of step.notes ?? []) this.#say(turn, line, kinds);
      if (step.end) turn.events.push({ type: 'completed' });
      if (stepInput(step) !== 'none') {
        this.#prompt(turn);
        return;
      }
      id = step.next;
    }
  }

  #say(turn: Turn, line: Line, kinds: string[] = []): void {
    if (typeof line === 'string') turn.replies.push({ type: 'text', key: `chat:${line}` });
    else if (matches(line.when, turn.state.answers, kinds)) turn.replies.push({ type: 'text', key: `chat:${line.key}` });
  }

  /** Asks the current step's question again (after help, a language change, danger words). */
  #prompt(turn: Turn): void {
    const state = turn.state;
    if (state.choosingLanguage) return this.#languageMenu(turn);
    const step = this.#d.flow.steps[state.step]!;
    const input = stepInput(step);
    if (input === 'kommun') return this.#kommunPrompt(turn);
    if (input === 'choice')
      turn.replies.push({
        type: 'question',
        key: `chat:${step.ask!}`,
        choices: step.choices!.map((c) => ({ value: c.value, label: { key: `chat:${c.label}` } })),
      });
  }

  /** She answered something that fits no choice: say so kindly and show the choices again. */
  #reask(turn: Turn): void {
    turn.replies.push({ type: 'text', key: 'chat:system.notUnderstood' });
    this.#prompt(turn);
  }

  #choose(turn: Turn, value: string): void {
    const state = turn.state;
    const step = this.#d.flow.steps[state.step]!;
    const choice = step.choices?.find((c) => c.value === value);
    if (!choice) return this.#reask(turn);
    if (step.slot && step.slot !== 'kommun' && 'next' in choice) {
      (state.answers as Record<string, string>)[step.slot] = value;
      if (step.slot === 'danger') {
        if (value === 'yes') turn.events.push({ type: 'danger', via: 'answer' });
      } else turn.events.push({ type: 'answer', slot: step.slot, value });
    }
    if ('command' in choice) return this.#command(turn, choice.command);
    this.#enter(turn, choice.next);
  }

  #command(turn: Turn, command: Command): void {
    switch (command) {
      case 'exit':
        turn.ended = true;
        turn.events.push({ type: 'exit' });
        turn.replies.push({ type: 'text', key: 'chat:system.exited' });
        return;
      case 'restart':
        return this.#restart(turn, 'chat:system.restarted');
      case 'language':
        return this.#languageMenu(turn);
      case 'help': {
        const step = this.#d.flow.steps[turn.state.step];
        turn.replies.push({ type: 'text', key: 'chat:system.help' });
        if (step?.help) turn.replies.push({ type: 'text', key: `chat:${step.help}` });
        return this.#prompt(turn);
      }
    }
  }

  #restart(turn: Turn, key: string): void {
    const { locale, siteKommun, offered, counted } = turn.state;
    turn.state = { v: 1, flow: this.#d.flow.id, step: this.#d.flow.start, locale, answers: {}, ...(siteKommun ? { siteKommun } : {}), ...(offered ? { offered } : {}), ...(counted ? { counted } : {}) };
    turn.replies.push({ type: 'text', key });
    turn.events.push({ type: 'started' }, { type: 'language', locale });
    this.#enter(turn, this.#d.flow.start);
  }

  // ── kommun ─────────────────────────────────────────────────────────────────────────────────

  #kommunName(code: string): string {
    return this.#d.geo.kommun(code)?.name ?? code;
  }

  #kommunPrompt(turn: Turn): void {
    const state = turn.state;
    if (!state.kommunMode) state.kommunMode = state.siteKommun ? 'confirm' : 'typed';
    const unsaid: ChoiceView = { value: 'unsaid', label: { key: 'chat:kommun.unsaid' } };
    if (state.kommunMode === 'confirm') {
      turn.replies.push({
        type: 'question',
        key: 'chat:kommun.confirm',
        params: { kommun: this.#kommunName(state.siteKommun!) },
        choices: [
          { value: 'yes', label: { key: 'chat:kommun.yes' } },
          { value: 'no', label: { key: 'chat:kommun.no' } },
          unsaid,
        ],
      });
    } else if (state.kommunMode === 'candidates') {
      turn.replies.push({
        type: 'question',
        key: 'chat:kommun.candidates',
        choices: [
          // The län tells apart names that read alike (Habo in Jönköpings län, Håbo in Uppsala län).
          ...(state.candidates ?? []).map((code) => {
            const lan = this.#d.geo.lanOf(code)?.name;
            return { value: code, label: { text: lan ? `${this.#kommunName(code)} (${lan})` : this.#kommunName(code) } };
          }),
          { value: 'none', label: { key: 'chat:kommun.noneOfThese' } },
          unsaid,
        ],
      });
    } else turn.replies.push({ type: 'question', key: 'chat:kommun.question', choices: [unsaid] });
  }

  #kommunAnswer(turn: Turn, raw: string, isButton: boolean): void {
    const state = turn.state;
    const mode = state.kommunMode ?? (state.siteKommun ? 'confirm' : 'typed');
    const said = isButton ? (['yes', 'no', 'unsaid'].includes(raw) ? raw : undefined) : this.#d.matchers.kommunAnswer(state.locale, raw);

    if (said === 'unsaid') return this.#setKommun(turn, null);
    if (mode === 'confirm') {
      if (said === 'yes') return this.#setKommun(turn, state.siteKommun!, false);
      if (said === 'no') {
        state.kommunMode = 'typed';
        return this.#kommunPrompt(turn);
      }
    }
    if (mode === 'candidates') {
      if (raw === 'none') {
        state.kommunMode = 'typed';
        delete state.candidates;
        return this.#kommunPrompt(turn);
      }
      const candidates = state.candidates ?? [];
      const picked = candidates.includes(raw) ? raw : /^\d$/.test(raw) ? candidates[Number(raw) - 1] : undefined;
      if (picked) return this.#setKommun(turn, picked);
    }
    if (isButton && !this.#d.geo.kommun(raw)) return this.#kommunPrompt(turn);

    const found = this.#d.kommuner.match(isButton ? raw : this.#d.matchers.stripFillers(state.locale, raw));
    if (found.kind === 'match') return this.#setKommun(turn, found.code);
    if (found.kind === 'candidates') {
      state.kommunMode = 'candidates';
      state.candidates = found.codes;
      return this.#kommunPrompt(turn);
    }
    turn.replies.push({ type: 'text', key: mode === 'confirm' ? 'chat:system.notUnderstood' : 'chat:kommun.notFound' });
    this.#kommunPrompt(turn);
  }

  /** `confirm`: say which kommun was understood (when she typed it, not when she said yes to the site's). */
  #setKommun(turn: Turn, code: string | null, confirm = true): void {
    const state = turn.state;
    state.answers.kommun = code;
    turn.events.push({ type: 'kommun', given: code !== null });
    if (code && confirm) turn.replies.push({ type: 'text', key: 'chat:kommun.chosen', params: { kommun: this.#kommunName(code) } });
    const step = this.#d.flow.steps[state.step]!;
    this.#enter(turn, step.next!);
  }

  #contacts(turn: Turn): string[] {
    const answers = turn.state.answers;
    const result = this.#d.route(answers);
    const kommun = answers.kommun ?? null;
    turn.replies.push({ type: 'contacts', result, kommun });
    const kinds = [...new Set(result.cards.map((c) => c.kind))];
    turn.events.push({ type: 'contacts', kinds, localMatched: result.localMatched, afterHours: result.afterHours });
    return kinds;
  }

  // ── language ───────────────────────────────────────────────────────────────────────────────

  #languageMenu(turn: Turn): void {
    turn.state.choosingLanguage = true;
    turn.replies.push({
      type: 'question',
      key: 'chat:system.languageQuestion',
      choices: LOCALES.filter((l) => this.#d.languageNames.has(l)).map((l) => ({ value: `${LANG_PREFIX}${l}`, label: { text: this.#d.languageNames.get(l)!, lang: l } })),
    });
  }

  #switchLanguage(turn: Turn, locale: Locale): void {
    delete turn.state.choosingLanguage;
    if (locale === turn.state.locale) return;
    turn.state.locale = locale;
    turn.events.push({ type: 'language', locale });
    turn.replies.push({ type: 'text', key: 'chat:system.languageChanged', params: { language: this.#d.languageNames.get(locale) ?? locale } });
  }

  /**
   * A language picked by typing its name or number in the language menu. A name may list several
   * ("Bosanski / Hrvatski / Srpski"): any of them selects it.
   */
  #languageFromText(raw: string): Locale | undefined {
    if (isLocale(raw)) return raw;
    const menu = LOCALES.filter((l) => this.#d.languageNames.has(l));
    if (/^\d{1,2}$/.test(raw)) return menu[Number(raw) - 1];
    const typed = normalize(raw);
    return menu.find((l) => {
      const name = this.#d.languageNames.get(l)!;
      return normalize(name) === typed || name.split(/[/,]/).some((part) => normalize(part) === typed);
    });
  }

  /** Typing in Arabic script, Ethiopic or Cyrillic suggests a language: offer it, once. */
  #offerLanguageOfScript(turn: Turn, text: string): void {
    const suggested = suggestLocale(text);
    const state = turn.state;
    if (!suggested || suggested === state.locale || !this.#d.languageNames.has(suggested)) return;
    if (state.offered?.includes(suggested)) return;
    state.offered = [...(state.offered ?? []), suggested];
    turn.replies.push({
      type: 'question',
      key: 'chat:system.languageOffer',
      locale: suggested,
      params: { language: this.#d.languageNames.get(suggested)! },
      choices: [
        { value: `${LANG_PREFIX}${suggested}`, label: { text: this.#d.languageNames.get(suggested)!, lang: suggested } },
        { value: `${LANG_PREFIX}${state.locale}`, label: { key: 'chat:system.stay', locale: state.locale } },
      ],
    });
  }
}

/**
 * The language a text's script suggests: Persian letters → fa, other Arabic script → ar,
 * Ethiopic → ti, Serbian Cyrillic letters → bs (Bosnian/Croatian/Serbian), other Cyrillic → uk.
 */
export function suggestLocale(text: string): Locale | undefined {
  switch (scriptOf(text)) {
    case 'arabic':
      return /[پچژگکی]/.test(text) ? 'fa' : 'ar';
    case 'ethiopic':
      return 'ti';
    case 'cyrillic':
      return /[ђјљњћџЂЈЉЊЋЏ]/.test(text) ? 'bs' : 'uk';
    default:
      return undefined;
  }
}

/** The identity of an event for "at most once per conversation": its type, and the slot or language. */
export function eventOnce(event: ConversationEvent): string {
  switch (event.type) {
    case 'answer':
      return `answer.${event.slot}`;
    case 'language':
      return `language.${event.locale}`;
    default:
      return event.type;
  }
}

/** Whether a `when` condition holds for these answers (and the kinds of contacts shown). */
export function matches(when: When, answers: Answers, kinds: readonly string[]): boolean {
  const conditions = Array.isArray(when) ? when : [when];
  return conditions.some((c) =>
    Object.entries(c).every(([slot, values]) => {
      if (!values) return true;
      if (slot === 'kinds') return values.some((k) => kinds.includes(k));
      const answer = (answers as Record<string, unknown>)[slot];
      return typeof answer === 'string' && values.includes(answer);
    }),
  );
}
